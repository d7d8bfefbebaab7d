// Compression with zlib and libbrotlienc. Both libraries allocate a few hundred kilobytes of
// tables per body; allocated and freed per page, those came back from the kernel as fresh
// pages every time (~15 page faults and a TLB-flushing madvise per brotli page, an eighth of
// a compressed miss). Each thread keeps its deflate stream (reset, not rebuilt) and the
// blocks its brotli encoder asked for.
#include "http/compress.h"

#include <brotli/encode.h>
#include <zlib.h>

#include <cstdint>
#include <cstdlib>
#include <vector>

namespace portico::http {

namespace {

struct Deflater {
  z_stream zs{};
  int level = -1;  // -1: not initialised
  ~Deflater() {
    if (level >= 0) deflateEnd(&zs);
  }
  // Ready for a new body at `level`; false when zlib refuses (out of memory).
  bool ready(int want) {
    if (level == want) return deflateReset(&zs) == Z_OK;
    if (level >= 0) deflateEnd(&zs);
    zs = z_stream{};
    level = deflateInit2(&zs, want, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) == Z_OK ? want : -1;
    return level >= 0;
  }
};

// The blocks a brotli encoder freed, kept for the next body on this thread: a page asks for
// about the same handful of sizes every time. Bounded in count and bytes; the rest is freed.
class BlockPool {
 public:
  ~BlockPool() {
    for (Block* b : free_) std::free(b);
  }
  void* take(std::size_t size) {
    // The smallest kept block that holds `size` without wasting more than half of itself
    // (the ring buffer's size follows the body's).
    std::size_t best = free_.size();
    for (std::size_t i = 0; i < free_.size(); ++i)
      if (free_[i]->size >= size && free_[i]->size / 2 <= size && (best == free_.size() || free_[i]->size < free_[best]->size))
        best = i;
    if (best < free_.size()) {
      Block* b = free_[best];
      free_[best] = free_.back();
      free_.pop_back();
      kept_ -= b->size;
      return b + 1;
    }
    auto* b = static_cast<Block*>(std::malloc(sizeof(Block) + size));
    if (!b) return nullptr;
    b->size = size;
    return b + 1;
  }
  void give(void* p) {
    if (!p) return;
    Block* b = static_cast<Block*>(p) - 1;
    if (free_.size() >= kMaxBlocks || kept_ + b->size > kMaxBytes) {
      std::free(b);
      return;
    }
    kept_ += b->size;
    free_.push_back(b);
  }

 private:
  struct alignas(16) Block {
    std::size_t size;
  };
  static constexpr std::size_t kMaxBlocks = 32;
  static constexpr std::size_t kMaxBytes = 8u << 20;
  std::vector<Block*> free_;
  std::size_t kept_ = 0;
};

void* pool_alloc(void* opaque, std::size_t size) { return static_cast<BlockPool*>(opaque)->take(size); }
void pool_free(void* opaque, void* p) { static_cast<BlockPool*>(opaque)->give(p); }

}  // namespace

std::string gzip_compress(std::string_view data, int level) {
  thread_local Deflater d;
  if (!d.ready(level)) return {};
  z_stream& zs = d.zs;
  std::string out(deflateBound(&zs, data.size()) + 32, '\0');
  zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  zs.avail_in = static_cast<uInt>(data.size());
  zs.next_out = reinterpret_cast<Bytef*>(out.data());
  zs.avail_out = static_cast<uInt>(out.size());
  int rc = deflate(&zs, Z_FINISH);
  out.resize(zs.total_out);
  return rc == Z_STREAM_END ? out : std::string();
}

std::string gzip_decompress(std::string_view data) {
  z_stream zs{};
  if (inflateInit2(&zs, 15 + 16) != Z_OK) return {};
  std::string out;
  char buf[16384];
  zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  zs.avail_in = static_cast<uInt>(data.size());
  int rc;
  do {
    zs.next_out = reinterpret_cast<Bytef*>(buf);
    zs.avail_out = sizeof buf;
    rc = inflate(&zs, Z_NO_FLUSH);
    if (rc != Z_OK && rc != Z_STREAM_END) {
      inflateEnd(&zs);
      return {};
    }
    out.append(buf, sizeof buf - zs.avail_out);
  } while (rc != Z_STREAM_END);
  inflateEnd(&zs);
  return out;
}

std::string brotli_compress(std::string_view data, int quality) {
  thread_local BlockPool pool;
  std::size_t size = BrotliEncoderMaxCompressedSize(data.size());
  if (size == 0) return {};
  BrotliEncoderState* s = BrotliEncoderCreateInstance(pool_alloc, pool_free, &pool);
  if (!s) return {};
  BrotliEncoderSetParameter(s, BROTLI_PARAM_QUALITY, static_cast<std::uint32_t>(quality));
  // A window just large enough for the body compresses it exactly as the default 4 MiB one,
  // without the default's 8 MiB ring buffer (an allocation the allocator maps and unmaps
  // per page, with its page faults and TLB flushes on every core).
  int lgwin = BROTLI_MIN_WINDOW_BITS;
  while (lgwin < BROTLI_DEFAULT_WINDOW && (std::size_t{1} << lgwin) - 16 < data.size()) ++lgwin;
  BrotliEncoderSetParameter(s, BROTLI_PARAM_LGWIN, static_cast<std::uint32_t>(lgwin));
  BrotliEncoderSetParameter(s, BROTLI_PARAM_MODE, BROTLI_MODE_TEXT);
  BrotliEncoderSetParameter(s, BROTLI_PARAM_SIZE_HINT, static_cast<std::uint32_t>(data.size()));
  std::string out(size, '\0');
  std::size_t in_left = data.size(), out_left = size;
  const auto* in = reinterpret_cast<const uint8_t*>(data.data());
  auto* next = reinterpret_cast<uint8_t*>(out.data());
  // The buffer holds the worst case, so the encoder can always go on; it may still return
  // before it is finished, so call it until it is (or stops making progress).
  bool ok = true;
  while (ok && !BrotliEncoderIsFinished(s)) {
    std::size_t in_before = in_left, out_before = out_left;
    ok = BrotliEncoderCompressStream(s, BROTLI_OPERATION_FINISH, &in_left, &in, &out_left, &next, nullptr) &&
         (in_left < in_before || out_left < out_before || BrotliEncoderIsFinished(s));
  }
  BrotliEncoderDestroyInstance(s);
  if (!ok) return {};
  out.resize(size - out_left);
  return out;
}

}  // namespace portico::http
