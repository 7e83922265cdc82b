#ifndef CISAL_SHIM_H
#define CISAL_SHIM_H
// ISA-L's igzip compresses the streams of the PDFs nianbao writes itself: font programs are
// most of a PDF's bytes, and igzip does them about twice as fast as libdeflate's fastest level
// for about 1 % more bytes. One call per stream (its stateless API); the struct and the level
// sizes are macros and a large struct, so they are wrapped here rather than in Swift.
#include <stddef.h>
#include <stdint.h>
#include <isa-l/igzip_lib.h>

/// The work buffer `nianbao_isal_zlib` needs at `level` (1–3).
static inline size_t nianbao_isal_level_buffer_size(int level) {
    switch (level) {
    case 1: return ISAL_DEF_LVL1_DEFAULT;
    case 2: return ISAL_DEF_LVL2_DEFAULT;
    default: return ISAL_DEF_LVL3_DEFAULT;
    }
}

/// Compresses `input` into `output` as one zlib stream (RFC 1950, what PDF's FlateDecode reads).
/// Returns the bytes written, or -1 when they did not fit (or igzip refused).
static inline long nianbao_isal_zlib(const uint8_t *input, size_t input_size, uint8_t *output, size_t output_size,
                                     int level, uint8_t *level_buffer, size_t level_buffer_size) {
    struct isal_zstream stream;
    isal_deflate_stateless_init(&stream);
    // stateless_init leaves the window size as it found it on the stack: say "default" (32 KiB),
    // or the same stream compresses differently from call to call.
    stream.hist_bits = 0;
    stream.level = (uint32_t)level;
    stream.level_buf = level_buffer;
    stream.level_buf_size = (uint32_t)level_buffer_size;
    stream.gzip_flag = IGZIP_ZLIB;
    stream.end_of_stream = 1;
    stream.flush = NO_FLUSH;
    stream.next_in = (uint8_t *)input;
    stream.avail_in = (uint32_t)input_size;
    stream.next_out = output;
    stream.avail_out = (uint32_t)output_size;
    if (input_size > UINT32_MAX || output_size > UINT32_MAX) return -1;
    if (isal_deflate_stateless(&stream) != COMP_OK) return -1;
    return (long)stream.total_out;
}
#endif
