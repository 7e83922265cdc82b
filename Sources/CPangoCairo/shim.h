#ifndef CPANGOCAIRO_SHIM_H
#define CPANGOCAIRO_SHIM_H
// The one C surface nianbao uses: Cairo (+ PDF backend), Pango through pangocairo, fontconfig.
#include <cairo.h>
#include <cairo-pdf.h>
#include <pango/pangocairo.h>
#include <pango/pangofc-fontmap.h>
#include <fontconfig/fontconfig.h>

// PANGO_SCALE and PANGO_PIXELS are macros Swift cannot import as functions.
static inline int CPangoCairo_scale(void) { return PANGO_SCALE; }
static inline double CPangoCairo_toPoints(int pangoUnits) { return (double)pangoUnits / (double)PANGO_SCALE; }
static inline int CPangoCairo_fromPoints(double points) { return (int)(points * PANGO_SCALE + (points >= 0 ? 0.5 : -0.5)); }
#endif
