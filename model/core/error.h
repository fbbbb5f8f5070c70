/* dxi error domain and exit codes (GLib GError conventions, see STYLE.md). */
#pragma once
#include <glib.h>

#define DXI_ERROR (dxi_error_quark ())
GQuark dxi_error_quark (void);

typedef enum
{
  DXI_ERROR_CONFIG,  /* a study or scenario file is wrong: file:line:col */
  DXI_ERROR_DATA,    /* a data table or boundary file is wrong: file:row:col */
  DXI_ERROR_IO,      /* cannot open, read or write a file */
  DXI_ERROR_VINTAGE, /* codes of one geography vintage joined to another */
  DXI_ERROR_USAGE,   /* bad command line */
  DXI_ERROR_FAILED,  /* anything else that stops a run */
} DxiErrorCode;

/* Exit codes of the dxi program. */
enum
{
  DXI_EXIT_OK = 0,
  DXI_EXIT_FAILURE = 1,
  DXI_EXIT_USAGE = 2,
};

/* Prefix an existing error message with "what: " (keeps domain and code); a
 * "file: " prefix is left off a message that already starts with that file. */
void dxi_error_prefix (GError **error, const char *format, ...) G_GNUC_PRINTF (2, 3);
