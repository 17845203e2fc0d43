#!/usr/bin/env python3
"""Fails when the source files of one program or library depend on each other
in a circle: a.c calls (or reads) something defined in b.c, and b.c, directly
or through other files, something defined in a.c. Includes cannot show this
(both files include the same header), so the dependencies are read from the
compiled objects with nm: a symbol a file leaves undefined (U) and another
file of the same group defines is an edge.

Usage: file_cycles.py NM DIR...
  Each DIR holds the objects of one group (a CMake target's
  CMakeFiles/<target>.dir); a DIR that does not exist is skipped.
Exit status: 0 no circle, 1 a circle (each printed as a chain), 2 bad usage.
"""
import os
import subprocess
import sys

# One search for circles: the strongly connected components of include_cycles.py.
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from include_cycles import chain, cycles as circles  # noqa: E402


def objects(d):
    for top, dirs, files in os.walk(d):
        dirs.sort()
        for f in sorted(files):
            if f.endswith('.o'):
                yield os.path.join(top, f)


def symbols(nm, obj):
    out = subprocess.run([nm, obj], capture_output=True, text=True, check=True).stdout
    defined, undefined = set(), set()
    for line in out.splitlines():
        parts = line.split()
        if len(parts) == 2 and parts[0] == 'U':
            undefined.add(parts[1])
        elif len(parts) == 3 and parts[1] in 'TDBRCGS':
            defined.add(parts[2])
    return defined, undefined


def name(obj, d):
    rel = os.path.relpath(obj, d)
    return rel[:-2] if rel.endswith('.o') else rel


def main(argv):
    if len(argv) < 3:
        print(__doc__.strip(), file=sys.stderr)
        return 2
    nm, dirs = argv[1], [d for d in argv[2:] if os.path.isdir(d)]
    total, n_files = 0, 0
    for d in dirs:
        objs = list(objects(d))
        n_files += len(objs)
        syms = {o: symbols(nm, o) for o in objs}
        owner = {}
        for o in objs:
            for s in syms[o][0]:
                owner.setdefault(s, o)
        edges = {o: {owner[s] for s in syms[o][1] if s in owner and owner[s] != o} for o in objs}
        for comp in circles(edges):
            total += 1
            loop = chain(edges, comp)
            uses = []
            for a, b in zip(loop, loop[1:]):
                what = sorted(s for s in syms[a][1] if owner.get(s) == b)
                uses.append(f'{name(a, d)} uses {", ".join(what[:3])} of {name(b, d)}')
            print(f'Circle in {d}: ' + ' -> '.join(name(o, d) for o in loop))
            for u in uses:
                print('  ' + u)
    if total:
        print(f'{total} circle(s) between files; break each by moving what both sides use into '
              'a file that uses neither.')
        return 1
    print(f'No circle between the {n_files} files of {len(dirs)} group(s).')
    return 0


if __name__ == '__main__':
    sys.exit(main(sys.argv))
