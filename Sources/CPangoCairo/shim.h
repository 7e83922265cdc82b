#ifndef CPANGOCAIRO_SHIM_H
#define CPANGOCAIRO_SHIM_H
// Cairo (+ PDF backend), Pango through pangocairo,
// and fontconfig.
#include <cairo.h>
#include <cairo-pdf.h>
#include <cairo-ft.h>
#include <pango/pangocairo.h>
#include <pango/pangofc-fontmap.h>
#include <pango/pangofc-font.h>
#include <fontconfig/fontconfig.h>

// PANGO_SCALE and PANGO_PIXELS are macros Swift cannot import as functions.
static inline int CPangoCairo_scale(void) { return PANGO_SCALE; }
static inline double CPangoCairo_toPoints(int pangoUnits) { return (double)pangoUnits / (double)PANGO_SCALE; }
static inline int CPangoCairo_fromPoints(double points) { return (int)(points * PANGO_SCALE + (points >= 0 ? 0.5 : -0.5)); }

// The fontconfig pattern of a font Pango chose (file, face index), or NULL when the font is
// not a fontconfig one. PANGO_IS_FC_FONT is a macro, hence this wrapper.
static inline FcPattern *CPangoCairo_fontPattern(PangoFont *font) {
    return PANGO_IS_FC_FONT(font) ? pango_fc_font_get_pattern(PANGO_FC_FONT(font)) : NULL;
}
// Tells this thread's default font map that fontconfig's configuration changed (fonts added).
static inline void CPangoCairo_fontConfigChanged(void) {
    PangoFontMap *map = pango_cairo_font_map_get_default();
    if (PANGO_IS_FC_FONT_MAP(map)) pango_fc_font_map_config_changed(PANGO_FC_FONT_MAP(map));
}
// A Cairo face for the face at `file`/`index` (what a shaped glyph names), with synthetic
// bold when asked, as fontconfig would have it; the caller destroys it.
static inline cairo_font_face_t *CPangoCairo_faceAt(const char *file, int index, int embolden) {
    FcPattern *pattern = FcPatternCreate();
    FcPatternAddString(pattern, FC_FILE, (const FcChar8 *)file);
    FcPatternAddInteger(pattern, FC_INDEX, index);
    if (embolden) FcPatternAddBool(pattern, FC_EMBOLDEN, FcTrue);
    cairo_font_face_t *face = cairo_ft_font_face_create_for_pattern(pattern);
    FcPatternDestroy(pattern);
    return face;
}
static inline unsigned int CPangoCairo_glyphEmpty(void) { return PANGO_GLYPH_EMPTY; }
static inline unsigned int CPangoCairo_glyphUnknownFlag(void) { return PANGO_GLYPH_UNKNOWN_FLAG; }
#endif
