/* Atomic rewrite and unified diff, shared by the two tools (textfile.h). */
#if !defined(_XOPEN_SOURCE) || _XOPEN_SOURCE < 700
#undef _XOPEN_SOURCE
#define _XOPEN_SOURCE 700 /* realpath, fchown */
#endif
#include "textfile.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

extern char **environ;

int textfile_write_all(int fd, const char *s, size_t n)
{
    while (n) {
        ssize_t w = write(fd, s, n);
        if (w < 0) {
            if (errno == EINTR)
                continue;
            return -1;
        }
        s += w;
        n -= (size_t)w;
    }
    return 0;
}

int textfile_replace(const char *path, const char *text, size_t n, const char *tag, char *why,
                     size_t whylen)
{
    char real[PATH_MAX];
    if (!realpath(path, real)) {
        snprintf(why, whylen, "%s", strerror(errno));
        return -1;
    }
    struct stat st;
    if (stat(real, &st) != 0) {
        snprintf(why, whylen, "%s", strerror(errno));
        return -1;
    }
    char dir[PATH_MAX];
    snprintf(dir, sizeof(dir), "%s", real);
    char *slash = strrchr(dir, '/');
    if (slash == dir)
        dir[1] = '\0';
    else if (slash)
        *slash = '\0';
    char tmp[PATH_MAX + 64];
    snprintf(tmp, sizeof(tmp), "%s/.%s.XXXXXX", dir, tag);
    int fd = mkstemp(tmp);
    if (fd < 0) {
        snprintf(why, whylen, "cannot create a temporary file next to it: %s", strerror(errno));
        return -1;
    }
    int rc = 0;
    if (fchmod(fd, st.st_mode & 07777) != 0 || textfile_write_all(fd, text, n) != 0 ||
        fsync(fd) != 0)
        rc = -1;
    if (rc == 0 && fchown(fd, st.st_uid, st.st_gid) != 0 && errno != EPERM)
        rc = -1;
    int saved = errno;
    if (close(fd) != 0 && rc == 0) {
        rc = -1;
        saved = errno;
    }
    if (rc == 0 && rename(tmp, real) != 0) {
        rc = -1;
        saved = errno;
    }
    if (rc != 0) {
        snprintf(why, whylen, "%s", strerror(saved));
        unlink(tmp);
        return -1;
    }
    int dfd = open(dir, O_RDONLY);
    if (dfd >= 0) {
        fsync(dfd);
        close(dfd);
    }
    return 0;
}

int textfile_diff(const char *name, const char *old_text, size_t old_len, const char *new_text,
                  size_t new_len, const char *tag, int out_fd)
{
    const char *tmpdir = getenv("TMPDIR");
    if (!tmpdir || !*tmpdir)
        tmpdir = "/tmp";
    char a[PATH_MAX], b[PATH_MAX];
    snprintf(a, sizeof(a), "%s/%s-a.XXXXXX", tmpdir, tag);
    snprintf(b, sizeof(b), "%s/%s-b.XXXXXX", tmpdir, tag);
    int fa = mkstemp(a);
    int fb = fa >= 0 ? mkstemp(b) : -1;
    int rc = -1;
    if (fa >= 0 && fb >= 0 && textfile_write_all(fa, old_text, old_len) == 0 &&
        textfile_write_all(fb, new_text, new_len) == 0) {
        char la[PATH_MAX + 8], lb[PATH_MAX + 8];
        snprintf(la, sizeof(la), "a/%s", name);
        snprintf(lb, sizeof(lb), "b/%s", name);
        char d0[] = "diff", d1[] = "-u", d2[] = "--label", d3[] = "--label";
        char *args[] = {d0, d1, d2, la, d3, lb, a, b, NULL};
        fflush(stdout);
        posix_spawn_file_actions_t fa_actions;
        posix_spawn_file_actions_t *actions = NULL;
        if (out_fd != STDOUT_FILENO && posix_spawn_file_actions_init(&fa_actions) == 0) {
            posix_spawn_file_actions_adddup2(&fa_actions, out_fd, STDOUT_FILENO);
            actions = &fa_actions;
        }
        pid_t pid;
        if (posix_spawnp(&pid, "diff", actions, NULL, args, environ) == 0) {
            int status;
            while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
                ;
            if (WIFEXITED(status) && WEXITSTATUS(status) <= 1)
                rc = 0;
        }
        if (actions)
            posix_spawn_file_actions_destroy(actions);
    }
    if (fa >= 0) {
        close(fa);
        unlink(a);
    }
    if (fb >= 0) {
        close(fb);
        unlink(b);
    }
    return rc;
}
