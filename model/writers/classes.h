/* The classes every map output shows, defined once: the QGIS style (.qml and
 * the GeoPackage's layer_styles), decile.tif's colour table and the print
 * map.  Quintiles for a study of fewer than 50 areas (a decile of 21 wards
 * holds two, too few to tell apart from the next), deciles from 50 up; class
 * 1 is the most at risk.  Colours from a published colour-blind-safe
 * sequential scheme (see classes.c). */
#pragma once
#include <glib.h>

#define DXI_CLASSES_DECILES_FROM 50

typedef struct dxi_classes
{
  guint n;            /* 5 or 10 */
  const char *column; /* the table's class column: index_quintile or index_decile */
  const char *noun;   /* "quintile", "decile" */
  char *study;        /* the study's name, "Trafford" */
  char *area_kind;    /* plural, "wards", "LSOAs", "areas" */
} dxi_classes;

/* Classes for a study named STUDY of N_AREAS areas whose codes are of
 * GEOGRAPHY (ward22, lsoa21, lad22, ...; may be NULL). */
void dxi_classes_init (dxi_classes *classes, guint n_areas, const char *study,
                       const char *geography);
void dxi_classes_clear (dxi_classes *classes);

/* RGB of class K (1..n; clamped). */
void dxi_classes_colour (const dxi_classes *classes, guint k, guint8 rgb[3]);
/* "#bd0026" for class K (caller frees). */
char *dxi_classes_hex (const dxi_classes *classes, guint k);
/* Share of the areas in each class, in percent (20 for quintiles). */
guint dxi_classes_percent (const dxi_classes *classes);
/* A short label for class K: "1: most at risk 20%", "3: 41-60%",
 * "5: least at risk 20%" (caller frees). */
char *dxi_classes_label (const dxi_classes *classes, guint k);
/* The study's areas in words: "Trafford's 21 wards" (N = 0: "Trafford's
 * wards"), or "the 139 Trafford LSOAs" when the name says the kind (caller
 * frees). */
char *dxi_classes_areas (const dxi_classes *classes, guint n);
/* What class 1 means in words: "Class 1 is the 20% of Trafford's wards most
 * at risk on the index; class 5 the 20% least at risk" (caller frees). */
char *dxi_classes_meaning (const dxi_classes *classes);
/* "index quintile (1 = the 20% most at risk)" (caller frees). */
char *dxi_classes_title (const dxi_classes *classes);
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (dxi_classes, dxi_classes_clear)
