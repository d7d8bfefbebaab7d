// Uploaded images: the type is read from the bytes, never the name; libvips decodes,
// turns by the EXIF orientation, drops every piece of metadata (EXIF, GPS position, XMP,
// ICC) and writes WebP renditions for srcset.
#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"
#include "media/file_store.h"

namespace portico::media {

enum class ImageType { jpeg, png, webp };
std::optional<ImageType> sniff_image(std::string_view bytes);

// Attachments for documents: PDF and the open or Office XML formats, read from the bytes.
struct DocumentType {
  const char* extension;  // "pdf", "docx", …
  const char* label;      // "PDF", "Word", …
};
std::optional<DocumentType> sniff_document(std::string_view bytes);

// Video for the "Chương trình truyền hình" widget: MP4 (an ISO "ftyp" box) or WebM (EBML
// with the "webm" doc type). Captions: WebVTT text. Read from the bytes.
struct VideoType {
  const char* extension;  // "mp4", "webm"
  const char* mime;
};
std::optional<VideoType> sniff_video(std::string_view bytes);
bool is_webvtt(std::string_view bytes);

constexpr int kRenditionWidths[] = {320, 800, 1600};
constexpr long long kMaxPixels = 50'000'000;  // decompression bombs stop here

struct Rendition {
  int width = 0, height = 0;
  std::string file_name;  // "<base>-<width>.webp"
  std::int64_t size = 0;  // bytes
};

struct ProcessedImage {
  int width = 0, height = 0;          // of the largest rendition
  std::vector<Rendition> renditions;  // narrowest first
};

// Widths of the renditions for an image this wide: the standard ones narrower than it,
// and its own width (at most the largest standard one).
std::vector<int> rendition_widths(int image_width);

// Writes the renditions through `files` (removed with it unless kept). invalid: not an image
// libvips can decode, or too large; io when a file cannot be written.
Result<ProcessedImage> make_renditions(std::string_view bytes, Upload& files, const std::string& base);

// "320,800,1600" ↔ widths.
std::string join_widths(const std::vector<Rendition>& r);

}  // namespace portico::media
