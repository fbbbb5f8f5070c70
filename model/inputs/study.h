/* The study is configuration, read with every file it names: see config/study.h. */
#pragma once
#include "config/study.h"
