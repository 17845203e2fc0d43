"""The files the tidiness checks of tests/tidy read: the C sources, headers
and X-macro tables of src/ and tools/, in a stable order."""
import os

SOURCES = ('.c', '.h', '.def', '.inc')


def project_files(root):
    for top in ('src', 'tools'):
        for d, dirs, files in os.walk(os.path.join(root, top)):
            dirs.sort()
            for f in sorted(files):
                if f.endswith(SOURCES):
                    yield os.path.normpath(os.path.join(d, f))
