#ifndef CPOPPLER_SHIM_H
#define CPOPPLER_SHIM_H
// poppler-glib: nianbao reads published PDFs through it, character by character with each
// character's box, and rebuilds lines and table rows from the positions.
#include <poppler.h>
#include <glib.h>
#endif
