/* mlm-validate: validate STAC MLM documents from the command line. */
#include <stdlib.h>

#include "cli.h"

int main(int argc, char **argv)
{
    cli_options o;
    int rc = cli_parse_options(argc, argv, &o);
    if (rc != 0) {
        cli_options_free(&o);
        return rc < 0 ? EXIT_VALID : rc;
    }
#ifdef MLM_WITH_CURL
    if (mlm_global_init() != MLM_OK) {
        cli_errorf("cannot initialise the URL loader (libcurl)");
        cli_options_free(&o);
        return EXIT_UNREADABLE;
    }
    if (o.insecure)
        cli_errorf("WARNING: --insecure: TLS certificates are NOT verified; anyone on the "
                   "network path can forge the documents you fetch");
#endif
    run_totals t = {0, 0, 0, 0, 0, 0};
    rc = run_inputs(&o, &t);
    if (report_summary(&o, &t) != 0 && rc == EXIT_VALID)
        rc = EXIT_UNREADABLE;
#ifdef MLM_WITH_CURL
    mlm_global_cleanup();
#endif
    cli_options_free(&o);
    return rc;
}
