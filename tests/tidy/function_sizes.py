#!/usr/bin/env python3
"""Function sizes in src/ and tools/ (issue 18, hygiene): no C function body
over 150 lines, and at most two over 100. A function is a body that opens with
'{' in column 0 after its signature and closes with '}' in column 0 (the
layout .clang-format keeps). Exit 1 with the offenders named, else 0.

Usage: function_sizes.py ROOT [--hard N] [--soft N] [--soft-max K]"""
import argparse
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from tidy_files import project_files  # noqa: E402

NAME = re.compile(r'(\w+)\s*\([^()]*(\([^()]*\)[^()]*)*\)?\s*$')


def functions(path):
    with open(path, encoding='utf-8', errors='replace') as f:
        lines = f.read().split('\n')
    i = 0
    while i < len(lines):
        if lines[i].startswith('{'):
            sig, j = '', i - 1
            while j >= 0 and lines[j].strip() and not lines[j].rstrip().endswith((';', '}', '*/')) \
                    and not lines[j].startswith('#'):
                sig = lines[j] + ' ' + sig
                j -= 1
            k = i + 1
            while k < len(lines) and not lines[k].startswith('}'):
                k += 1
            head = sig.split('(')[0]
            m = re.search(r'(\w+)\s*\(', sig)
            if m and '=' not in head:
                yield m.group(1), i + 1, k - i + 1
            i = k
        i += 1


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('root')
    ap.add_argument('--hard', type=int, default=150)
    ap.add_argument('--soft', type=int, default=100)
    ap.add_argument('--soft-max', type=int, default=2)
    a = ap.parse_args()
    found = []
    for p in project_files(a.root):
        if p.endswith('.c'):
            for name, line, n in functions(p):
                found.append((n, os.path.relpath(p, a.root), line, name))
    found.sort(reverse=True)
    hard = [f for f in found if f[0] > a.hard]
    soft = [f for f in found if a.soft < f[0] <= a.hard]
    for n, p, line, name in hard:
        print(f'{p}:{line}: {name} has {n} lines, more than {a.hard}')
    if len(soft) > a.soft_max:
        for n, p, line, name in soft:
            print(f'{p}:{line}: {name} has {n} lines ({len(soft)} functions over {a.soft}, '
                  f'at most {a.soft_max} allowed)')
    print(f'{len(found)} functions; largest: ' +
          ', '.join(f'{name} {n}' for n, _, _, name in found[:5]))
    return 1 if hard or len(soft) > a.soft_max else 0


if __name__ == '__main__':
    sys.exit(main())
