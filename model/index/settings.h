/* The index settings are configuration, read with the study: see config/index.h. */
#pragma once
#include "config/index.h"
