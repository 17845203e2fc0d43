/* Compiles the umbrella header alone under -std=c11 -pedantic -Werror. */
#include <mlm.h>

int mlm_headertest_unused(void);
int mlm_headertest_unused(void) { return MLM_VERSION_MAJOR >= 0; }
