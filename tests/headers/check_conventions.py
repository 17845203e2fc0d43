#!/usr/bin/env python3
"""The conventions of the public headers, said once and kept (docs/API.md,
"Conventions"):

1. every public header under include/mlm/ says them near its top: its file
   comment has a line starting "Conventions" (or points to mlm/common.h);
2. every exported function that takes a json_t says, on the @param line of
   that parameter, whether the reference is "(reference stolen)" or
   "(borrowed)", as jansson's documentation does.

Usage: check_conventions.py INCLUDE_DIR
Exit status: 0 kept, 1 a header breaks them (each case printed), 2 bad usage.
"""
import os
import re
import sys

DECL = re.compile(r'/\*\*((?:(?!\*/).)*)\*/\s*MLM_EXPORT\s+([^;]*?)\(([^;]*?)\)[^;]*;', re.S)
JSON_PARAM = re.compile(r'(?:const\s+)?json_t\s*\*\s*(\w+)\s*$')


def check(path, problems):
    with open(path, encoding='utf-8') as fh:
        text = fh.read()
    head = text[:text.find('#ifndef')] if '#ifndef' in text else text[:2000]
    if not re.search(r'^\s*\*\s*Conventions', head, re.M):
        problems.append(f'{path}: the file comment does not state the conventions '
                        '(a line starting "Conventions")')
    n = 0
    for m in DECL.finditer(text):
        doc, name, params = m.group(1), m.group(2).split()[-1].lstrip('*'), m.group(3)
        for p in params.split(','):
            jm = JSON_PARAM.search(p.strip())
            if not jm:
                continue
            n += 1
            pname = jm.group(1)
            line = re.search(r'@param(?:\[[a-z,]+\])?\s+' + re.escape(pname) + r'\b[^\n]*', doc)
            if not line or not re.search(r'\((reference stolen|borrowed)\)', line.group(0)):
                problems.append(f'{path}: {name}(): the @param line of json_t parameter '
                                f'"{pname}" does not say "(reference stolen)" or "(borrowed)"')
    return n


def main(argv):
    if len(argv) != 2 or not os.path.isdir(argv[1]):
        print(__doc__.strip(), file=sys.stderr)
        return 2
    d = os.path.join(argv[1], 'mlm')
    problems, headers, params = [], 0, 0
    for f in sorted(os.listdir(d)):
        if f.endswith('.h'):
            headers += 1
            params += check(os.path.join(d, f), problems)
    for p in problems:
        print(p)
    if problems:
        print(f'{len(problems)} convention(s) not kept in {headers} headers.')
        return 1
    print(f'Conventions kept: {headers} headers state them, {params} json_t parameters say '
          'who owns the reference.')
    return 0


if __name__ == '__main__':
    sys.exit(main(sys.argv))
