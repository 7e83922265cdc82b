#ifndef CLIBDEFLATE_SHIM_H
#define CLIBDEFLATE_SHIM_H
// libdeflate compresses the streams of the PDFs nianbao writes itself: faster than zlib
// at the same ratio, and a one-shot buffer API that suits whole streams.
#include <libdeflate.h>
#endif
