/* Helpers shared by the fuzz targets (tests/fuzz/fuzz-*.c).
 *
 * Each target defines LLVMFuzzerTestOneInput and is linked either with
 * libFuzzer (make fuzz, clang) or with replay.c (make check, any compiler).
 * Files the library must open are written to a private temporary folder made
 * once per process and removed at exit, or to GDAL's /vsimem/. */
#pragma once
#include <glib.h>
#include <stddef.h>
#include <stdint.h>

#include "inputs/table.h"

#ifndef DXI_SOURCE_DIR
#error "build with -DDXI_SOURCE_DIR='\"/path/to/dxi\"' (the Makefile does)"
#endif

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

/* The private folder of this process (borrowed; made on first call). */
const char *fuzz_tmp_dir (void);
/* Write DATA to NAME inside fuzz_tmp_dir(); the path (borrowed, valid until
 * the next call with the same NAME) or aborts. */
const char *fuzz_write_file (const char *name, const uint8_t *data, size_t size);
/* GDALAllRegister once, with GDAL's messages silenced. */
void fuzz_gdal_init (void);
/* Split DATA at the first line "====": *HEAD (NUL-terminated copy, caller
 * frees) gets the text before, *BODY / *BODY_SIZE the bytes after (borrowed).
 * FALSE when there is no such line. */
gboolean fuzz_split (const uint8_t *data, size_t size, char **head, const uint8_t **body, size_t *body_size);
/* With DXI_FUZZ_VERBOSE set, print how the input ended: ERROR's message or
 * "ok" (to check that the seeds go as deep as intended).  Returns 0, what
 * LLVMFuzzerTestOneInput returns. */
int fuzz_report (const char *target, const GError *error); /* returns 0 */
/* A g_malloc'd copy of exactly SIZE bytes (never NULL, even for 0). */
uint8_t *fuzz_copy (const uint8_t *data, size_t size);

/* A table definition in YAML, a line "====", then the table's bytes: the
 * definition parsed (NULL, reported for TARGET, when it does not parse) and
 * the bytes in *BODY. */
dxi_table_spec *fuzz_table_spec (const char *target, const uint8_t *data, size_t size, const uint8_t **body,
                                 size_t *body_size);
