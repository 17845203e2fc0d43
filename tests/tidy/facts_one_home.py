#!/usr/bin/env python3
"""Fails when a fact of MLM is written outside its one home, the facts table
(src/facts.h, src/facts.c, src/facts/*.def), in the C sources of src/ and
tools/ (comments do not count). A fact written elsewhere is:

  - a string literal that is exactly an mlm: name ("mlm:input"; adjacent
    literals count as one): use MLMP_KEY(PROPS, input) / MLMP_ROLE_MODEL
    (src/facts.h);
  - a version list: one string literal (adjacent literals count as one)
    naming three or more MLM versions ("1.0.0, 1.1.0, 1.2.0"), except in the
    texts of the rule registry (src/rules/rules_*.def) and of the migration
    registry (src/migrate/mig_ids.def), which document what each version
    (step) does;
  - the newest version written out: its name ("1.5.2") in a string literal,
    or its MLM_SPEC_<X_Y_Z> enumerator (use MLMP_SPEC_LATEST / the table);
  - the draft's identifier URL (mlm_spec_version_url(MLM_SPEC_DRAFT)).

The version names come from src/facts/versions.def. Mentions of mlm: names
inside longer texts (messages, hints) are counted and printed, not refused.

Usage: facts_one_home.py [PROJECT_ROOT]   (default: two levels above this file)
Exit status: 0 clean, 1 facts written elsewhere (each printed), 2 bad usage.
"""
import os
import re
import sys

from tidy_files import project_files

HOME = ('src/facts.h', 'src/facts.c')
HOME_DIR = 'src/facts/'
# Files allowed to keep their own literals for now, each with the reason.
ALLOW = {
}

NAME = re.compile(r'^mlm:[A-Za-z0-9_.-]+$')
MENTION = re.compile(r'mlm:[A-Za-z_]')
RELEASE = re.compile(r'MLMP_(?:RELEASE|VERSION)\(\s*(\w+)\s*,\s*"([^"]+)"')
SEMVER = re.compile(r'(?<![\w.])v?(\d+\.\d+\.\d+)(?![\w.]*\d)')


def literals(text):
    """(line, value) of each string literal outside comments; adjacent
    literals (only white space or a newline between) are joined."""
    out = []
    i, n, line = 0, len(text), 1
    joined, start, last_end = None, 0, -1
    while i < n:
        c = text[i]
        if c == '\n':
            line += 1
            i += 1
        elif text.startswith('/*', i):
            j = text.find('*/', i + 2)
            j = n if j < 0 else j + 2
            line += text.count('\n', i, j)
            i = j
        elif text.startswith('//', i):
            j = text.find('\n', i)
            i = n if j < 0 else j
        elif c == "'":
            j = i + 1
            while j < n and text[j] != "'":
                j += 2 if text[j] == '\\' else 1
            i = j + 1
        elif c == '"':
            j, buf = i + 1, []
            while j < n and text[j] != '"':
                if text[j] == '\\' and j + 1 < n:
                    buf.append(text[j:j + 2] if text[j + 1] != '"' else '"')
                    j += 2
                else:
                    buf.append(text[j])
                    j += 1
            value = ''.join(buf)
            if joined is not None and text[last_end:i].strip() == '':
                joined[1] += value
                joined[2].append(value)
            else:
                if joined is not None:
                    out.append(joined)
                joined = [line, value, [value]]
            last_end = j + 1
            i = j + 1
        else:
            i += 1
    if joined is not None:
        out.append(joined)
    return out


def code_only(text):
    """The text with comments and string literals blanked (lines kept)."""
    out, i, n = [], 0, len(text)
    while i < n:
        if text.startswith('/*', i):
            j = text.find('*/', i + 2)
            j = n if j < 0 else j + 2
            out.append('\n' * text.count('\n', i, j))
            i = j
        elif text.startswith('//', i):
            j = text.find('\n', i)
            i = n if j < 0 else j
        elif text[i] in '"\'':
            q, j = text[i], i + 1
            while j < n and text[j] != q:
                j += 2 if text[j] == '\\' else 1
            out.append(' ')
            i = j + 1
        else:
            out.append(text[i])
            i += 1
    return ''.join(out)


def main(argv):
    if len(argv) > 2:
        print(__doc__)
        return 2
    root = argv[1] if len(argv) == 2 else os.path.join(os.path.dirname(__file__), '..', '..')
    root = os.path.normpath(root)
    vdef = os.path.join(root, 'src', 'facts', 'versions.def')
    try:
        rows = RELEASE.findall(code_only_keep_strings(open(vdef, encoding='utf-8').read()))
    except OSError as e:
        print(f'facts_one_home: cannot read {vdef}: {e}')
        return 2
    versions = [name for _, name in rows]
    released = [(vid, name) for vid, name in rows if re.match(r'^\d+\.\d+\.\d+$', name)]
    if not released:
        print(f'facts_one_home: no release rows in {vdef}')
        return 2
    # The newest row of the published table (a test-only row is under #ifdef).
    latest_id, latest = released_outside_ifdef(open(vdef, encoding='utf-8').read()) or released[-1]
    draft_url = re.search(r'MLMP_VERSION\(\s*DRAFT\s*,\s*"[^"]*"\s*,\s*"([^"]+)"',
                          open(vdef, encoding='utf-8').read())
    draft_url = draft_url.group(1) if draft_url else None

    bad, mentions, allowed = [], 0, 0
    for path in project_files(root):
        rel = os.path.relpath(path, root).replace(os.sep, '/')
        if rel in HOME or rel.startswith(HOME_DIR):
            continue
        allow = any(rel.startswith(p) for p in ALLOW)
        # The rule registry's texts (rules_*.def) and the migration registry's
        # (src/migrate/mig_ids.def, the tables of docs/MIGRATION.md) are
        # documentation: they tell which versions behave how, so they may
        # name several versions.
        registry = ((rel.startswith('src/rules/rules_') and rel.endswith('.def')) or
                    rel == 'src/migrate/mig_ids.def')
        text = open(path, encoding='utf-8', errors='replace').read()
        found = []
        for line, value, parts in literals(text):
            if NAME.match(value):
                found.append(f'{rel}:{line}: the mlm: name "{value}" (use MLMP_KEY / MLMP_ROLE_*)')
            elif MENTION.search(value):
                mentions += 1
            named = {v for v in SEMVER.findall(value) if v in versions}
            if len(named) >= 3 and not registry:
                found.append(f'{rel}:{line}: a list of MLM versions ({", ".join(sorted(named))}); '
                             'use mlm_spec_versions_supported() or the table')
            elif latest in SEMVER.findall(value):
                found.append(f'{rel}:{line}: the newest version "{latest}" written out '
                             '(use MLMP_SPEC_LATEST / MLMP_LATEST_NAME)')
            if draft_url and draft_url in value:
                found.append(f'{rel}:{line}: the draft\'s identifier written out '
                             '(use mlm_spec_version_url(MLM_SPEC_DRAFT))')
        code = code_only(text)
        for m in re.finditer(r'\bMLM_SPEC_' + latest_id + r'\b', code):
            line = code.count('\n', 0, m.start()) + 1
            found.append(f'{rel}:{line}: MLM_SPEC_{latest_id}, the newest version by name '
                         '(use MLMP_SPEC_LATEST)')
        if allow:
            allowed += len(found)
        else:
            bad.extend(found)
    for b in bad:
        print(b)
    print(f'facts_one_home: {len(bad)} fact(s) written outside src/facts*, '
          f'{allowed} in allow-listed files ({", ".join(sorted(ALLOW))}), '
          f'{mentions} message text(s) mentioning mlm: names')
    return 1 if bad else 0


def code_only_keep_strings(text):
    """versions.def without comments (its strings kept)."""
    return re.sub(r'/\*.*?\*/', lambda m: '\n' * m.group(0).count('\n'), text, flags=re.S)


def released_outside_ifdef(text):
    """The last release row that is not inside an #ifdef block."""
    depth, last = 0, None
    for line in code_only_keep_strings(text).split('\n'):
        s = line.strip()
        if s.startswith('#if'):
            depth += 1
        elif s.startswith('#endif'):
            depth -= 1
        elif s.startswith('#else'):
            pass
        elif depth == 0:
            m = RELEASE.search(s)
            if m:
                last = (m.group(1), m.group(2))
    return last


if __name__ == '__main__':
    sys.exit(main(sys.argv))
