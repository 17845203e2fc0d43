/* Shared by mlm-migrate and mlm-validate --fix: rewriting a file atomically
 * and showing a change as a unified diff. Not part of the library. */
#ifndef MLM_TOOLS_TEXTFILE_H
#define MLM_TOOLS_TEXTFILE_H

#include <stddef.h>

/* Write all n bytes to fd (retrying on EINTR); 0 or -1 with errno set. */
int textfile_write_all(int fd, const char *s, size_t n);

/* Replace the file at path by the n bytes of text, atomically: a temporary
 * file named "<dir>/.<tag>.XXXXXX" in the same directory, the original's
 * permissions and owner, fsync, rename, fsync of the directory. A symbolic
 * link is resolved and its target rewritten (the link stays). On failure
 * returns -1 with a sentence in why (the original file is untouched and the
 * temporary file removed). */
int textfile_replace(const char *path, const char *text, size_t n, const char *tag, char *why,
                     size_t whylen);

/* Print `diff -u` of old_text and new_text to file descriptor out_fd,
 * labelled a/<name> and b/<name> (diffutils is part of every Debian system
 * and its output is the reference). Temporary files are named after tag.
 * 0, or -1 when diff could not be run. */
int textfile_diff(const char *name, const char *old_text, size_t old_len, const char *new_text,
                  size_t new_len, const char *tag, int out_fd);

#endif
