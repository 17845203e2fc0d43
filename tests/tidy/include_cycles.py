#!/usr/bin/env python3
"""Fails when #include "..." directives among the files under src/ and tools/
form a cycle (a.h includes b.h, which includes a.h, directly or through
others). Each quoted include is resolved the way the build resolves it: next
to the including file first, then in the project's include directories (src/,
include/, src/<area>/). Angle-bracket includes and includes that name no
file of the project are not edges.

Usage: include_cycles.py [PROJECT_ROOT]   (default: two levels above this file)
Exit status: 0 no cycle, 1 a cycle (each is printed as a chain), 2 bad usage.
"""
import os
import re
import sys

from tidy_files import project_files

INCLUDE = re.compile(r'^\s*#\s*include\s*"([^"]+)"', re.M)


def resolve(root, including, name):
    search = [os.path.dirname(including), os.path.join(root, 'src'), os.path.join(root, 'include')]
    search += sorted(os.path.join(root, 'src', d) for d in os.listdir(os.path.join(root, 'src'))
                     if os.path.isdir(os.path.join(root, 'src', d)))
    for d in search:
        p = os.path.normpath(os.path.join(d, name))
        if os.path.isfile(p):
            return p
    return None


def graph(root):
    edges = {}
    pending = list(project_files(root))
    while pending:
        f = pending.pop()
        if f in edges:
            continue
        with open(f, encoding='utf-8', errors='replace') as fh:
            text = fh.read()
        edges[f] = []
        for name in INCLUDE.findall(text):
            target = resolve(root, f, name)
            if target and target.startswith(root + os.sep):
                edges[f].append(target)
                pending.append(target)  # a public header may include src/ files
    return edges


def cycles(edges):
    """Tarjan's strongly connected components; a component of more than one
    file, or a file that includes itself, is a cycle."""
    index, low, stack, on, found = {}, {}, [], set(), []
    counter = [0]

    def visit(v):
        # iterative, so deep chains cannot exhaust Python's recursion limit
        work = [(v, iter(edges.get(v, ())))]
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on.add(v)
        while work:
            node, it = work[-1]
            advanced = False
            for w in it:
                if w not in index:
                    index[w] = low[w] = counter[0]
                    counter[0] += 1
                    stack.append(w)
                    on.add(w)
                    work.append((w, iter(edges.get(w, ()))))
                    advanced = True
                    break
                if w in on:
                    low[node] = min(low[node], index[w])
            if advanced:
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                comp = []
                while True:
                    w = stack.pop()
                    on.discard(w)
                    comp.append(w)
                    if w == node:
                        break
                if len(comp) > 1 or node in edges.get(node, ()):
                    found.append(sorted(comp))

    for v in sorted(edges):
        if v not in index:
            visit(v)
    return found


def chain(edges, comp):
    """One concrete loop through the component, for the message."""
    members = set(comp)
    start = comp[0]
    path, seen = [start], {start}
    while True:
        nxt = next(w for w in edges[path[-1]] if w in members)
        if nxt in seen:
            return path[path.index(nxt):] + [nxt]
        path.append(nxt)
        seen.add(nxt)


def main(argv):
    if len(argv) > 2:
        print(__doc__.strip(), file=sys.stderr)
        return 2
    root = os.path.abspath(argv[1] if len(argv) == 2 else
                           os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', '..'))
    if not os.path.isdir(os.path.join(root, 'src')):
        print(f'include_cycles: {root} has no src/ folder; give the project root.', file=sys.stderr)
        return 2
    edges = graph(root)
    found = cycles(edges)
    n_edges = sum(len(v) for v in edges.values())
    if not found:
        print(f'No include cycle among {len(edges)} files ({n_edges} quoted includes).')
        return 0
    for comp in found:
        loop = chain(edges, comp)
        print('Include cycle: ' + ' -> '.join(os.path.relpath(p, root) for p in loop))
    print(f'{len(found)} include cycle(s) among {len(edges)} files; break each by moving what '
          'both sides need into a header that includes neither.')
    return 1


if __name__ == '__main__':
    sys.exit(main(sys.argv))
