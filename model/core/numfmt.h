/* Numbers as text for tables: the shortest decimal that reads back as the
 * same double (strtod of the text gives the value again, bit for bit),
 * without printf on the common path.  Plain notation for decimal exponents
 * -5 to 16 ("0.1", "123456789.125", "-0"), else "1e-300", "1.5e+20";
 * "inf", "-inf" and "nan" as printf writes them.  Independent of the locale. */
#pragma once
#include <glib.h>

/* Room for any double: sign, 17 digits, point, exponent, NUL. */
#define DXI_NUMFMT_SIZE 32

/* Writes VALUE into BUF (DXI_NUMFMT_SIZE bytes); returns the length. */
gsize dxi_numfmt_shortest (char *buf, double value);
