/* The one directory walker of the tools (mlm-validate, mlm-migrate): every
 * file below a directory whose name ends in a suffix, in name order (a
 * directory's files and subdirectories interleaved as their names sort),
 * hidden names (".x") skipped, at most TOOL_WALK_MAX_DEPTH levels. */
#ifndef MLM_TOOLS_WALK_H
#define MLM_TOOLS_WALK_H

#include <stdbool.h>

#define TOOL_WALK_MAX_DEPTH 64

typedef struct tool_walk {
    /* Files whose name ends with this (and is longer than it), e.g. ".json". */
    const char *suffix;
    /* true: symbolic links are followed (stat), a link back to a directory
     * being walked is skipped as a loop; false: links are skipped (lstat). */
    bool follow_links;
    /* Called for every file found, in order. */
    void (*file)(void *payload, const char *path);
    /* A directory that cannot be opened (errnum), the top one included; may be NULL. */
    void (*unreadable)(void *payload, const char *path, int errnum);
    /* An entry left out, with why ("not a regular file", ...); may be NULL. */
    void (*skipped)(void *payload, const char *path, const char *why);
    void *payload;
} tool_walk;

/* Walk @p dir. Returns 0, or -1 when @p dir itself cannot be opened (errno
 * set, after w->unreadable was called). Out of memory drops entries. */
int tool_walk_dir(const tool_walk *w, const char *dir);

#endif
