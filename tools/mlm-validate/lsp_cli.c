/* mlm-validate --lsp: the command line's settings handed to the server. */
#include <unistd.h>

#include "cli.h"
#include "lsp.h"

int cli_run_lsp(const cli_options *o)
{
    lsp_settings s = {0};
    s.flag_rules = o->flag_rules.table;
    s.n_flag_rules = o->flag_rules.n;
    s.config_file = o->config_file;
    s.no_config = o->no_config;
    s.no_warnings = o->no_warnings;
    s.force_version = o->force_version;
    s.max_bytes = o->max_filesize;
    s.stac = o->stac;
    s.schema = o->custom;
    s.allow_full = true;
    if (o->config_file && o->no_config) {
        cli_errorf("--config and --no-config cannot be used together");
        return EXIT_USAGE;
    }
    return lsp_run(&s, STDIN_FILENO, STDOUT_FILENO);
}
