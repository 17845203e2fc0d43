/**
 * @file mlm.h
 * @brief libmlm: STAC Machine Learning Model (MLM) metadata in C.
 *
 * The umbrella header; include only this one.
 */
#ifndef MLM_H
#define MLM_H

#include "mlm_version.h"
#include "mlm/common.h"

#endif /* MLM_H */
