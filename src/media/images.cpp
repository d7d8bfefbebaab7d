// Image renditions on libvips.
#include "media/images.h"

#include <vips/vips.h>

#include <memory>
#include <mutex>

namespace portico::media {

std::optional<ImageType> sniff_image(std::string_view b) {
  if (b.size() >= 3 && static_cast<unsigned char>(b[0]) == 0xFF && static_cast<unsigned char>(b[1]) == 0xD8 &&
      static_cast<unsigned char>(b[2]) == 0xFF)
    return ImageType::jpeg;
  if (b.size() >= 8 && b.substr(0, 8) == std::string_view("\x89PNG\r\n\x1a\n", 8)) return ImageType::png;
  if (b.size() >= 12 && b.substr(0, 4) == "RIFF" && b.substr(8, 4) == "WEBP") return ImageType::webp;
  return std::nullopt;
}

std::optional<DocumentType> sniff_document(std::string_view b) {
  if (b.substr(0, 5) == "%PDF-") return DocumentType{"pdf", "PDF"};
  if (b.substr(0, 4) != std::string_view("PK\x03\x04", 4)) return std::nullopt;  // the others are ZIP packages
  // The first entry of an OpenDocument file is its uncompressed "mimetype".
  if (b.find("mimetypeapplication/vnd.oasis.opendocument.text") != std::string_view::npos) return DocumentType{"odt", "OpenDocument văn bản"};
  if (b.find("mimetypeapplication/vnd.oasis.opendocument.spreadsheet") != std::string_view::npos)
    return DocumentType{"ods", "OpenDocument bảng tính"};
  // Office Open XML: the part names are stored in the clear in each local header.
  if (b.find("word/document.xml") != std::string_view::npos) return DocumentType{"docx", "Word"};
  if (b.find("xl/workbook.xml") != std::string_view::npos) return DocumentType{"xlsx", "Excel"};
  if (b.find("ppt/presentation.xml") != std::string_view::npos) return DocumentType{"pptx", "PowerPoint"};
  return std::nullopt;
}

std::vector<int> rendition_widths(int w) {
  std::vector<int> out;
  for (int std_w : kRenditionWidths)
    if (std_w < w) out.push_back(std_w);
  int own = std::min(w, kRenditionWidths[std::size(kRenditionWidths) - 1]);
  if (out.empty() || out.back() != own) out.push_back(own);
  return out;
}

std::string join_widths(const std::vector<Rendition>& r) {
  std::string out;
  for (const auto& x : r) out += (out.empty() ? "" : ",") + std::to_string(x.width);
  return out;
}

namespace {
void init_vips() {
  static std::once_flag once;
  std::call_once(once, [] {
    if (VIPS_INIT("portico") != 0) throw std::runtime_error("libvips could not start");
    vips_cache_set_max(0);  // nothing to reuse between uploads; keep memory flat
  });
}

struct Unref {
  void operator()(VipsImage* i) const {
    if (i) g_object_unref(i);
  }
};
using Image = std::unique_ptr<VipsImage, Unref>;

// Removes the EXIF, XMP and ICCP chunks of a WebP file and clears their VP8X flags:
// libvips 8.14 writes an EXIF chunk even when asked to strip.
std::string strip_webp_metadata(std::string webp) {
  if (webp.size() < 12 || webp.compare(0, 4, "RIFF") != 0 || webp.compare(8, 4, "WEBP") != 0) return webp;
  auto le32 = [](const std::string& s, std::size_t p) {
    return static_cast<std::uint32_t>(static_cast<unsigned char>(s[p])) |
           static_cast<std::uint32_t>(static_cast<unsigned char>(s[p + 1])) << 8 |
           static_cast<std::uint32_t>(static_cast<unsigned char>(s[p + 2])) << 16 |
           static_cast<std::uint32_t>(static_cast<unsigned char>(s[p + 3])) << 24;
  };
  std::string out = webp.substr(0, 12);
  for (std::size_t p = 12; p + 8 <= webp.size();) {
    std::uint32_t n = le32(webp, p + 4);
    std::size_t total = 8 + static_cast<std::size_t>(n) + (n & 1);
    if (p + total > webp.size()) total = webp.size() - p;
    std::string fourcc = webp.substr(p, 4);
    if (fourcc != "EXIF" && fourcc != "XMP " && fourcc != "ICCP") {
      std::string chunk = webp.substr(p, total);
      if (fourcc == "VP8X" && chunk.size() > 8) chunk[8] = static_cast<char>(chunk[8] & ~(0x20 | 0x08 | 0x04));
      out += chunk;
    }
    p += total;
  }
  std::uint32_t riff = static_cast<std::uint32_t>(out.size() - 8);
  for (int i = 0; i < 4; ++i) out[4 + i] = static_cast<char>((riff >> (8 * i)) & 0xff);
  return out;
}

std::string vips_message() {
  std::string m = vips_error_buffer();
  vips_error_clear();
  return m;
}
}  // namespace

Result<ProcessedImage> make_renditions(std::string_view bytes, Upload& files, const std::string& base) {
  init_vips();
  auto bad = [](std::string why) { return Status::error(Code::invalid, std::move(why)); };
  if (!sniff_image(bytes)) return bad("tệp không phải ảnh JPEG, PNG hay WebP");
  // The header first: refuse huge images before decoding any pixel.
  Image header(vips_image_new_from_buffer(bytes.data(), bytes.size(), "", "access", VIPS_ACCESS_SEQUENTIAL, nullptr));
  if (!header) return bad("không đọc được ảnh: " + vips_message());
  long long w = vips_image_get_width(header.get()), h = vips_image_get_height(header.get());
  if (w <= 0 || h <= 0 || w * h > kMaxPixels) return bad("ảnh quá lớn (tối đa 50 triệu điểm ảnh)");
  header.reset();

  ProcessedImage out;
  // Thumbnails are computed on the auto-rotated image, so the width is the displayed one.
  for (int target : rendition_widths(static_cast<int>(w))) {
    VipsImage* raw = nullptr;
    if (vips_thumbnail_buffer(const_cast<char*>(bytes.data()), bytes.size(), &raw, target, "height", VIPS_MAX_COORD,
                              "size", VIPS_SIZE_DOWN, nullptr) != 0)
      return bad("không xử lý được ảnh: " + vips_message());
    Image thumb(raw);
    // Drop every metadata field (EXIF with any GPS position, XMP, IPTC, ICC) on a copy, and
    // ask the saver to strip as well: two locks on the same door.
    VipsImage* copied = nullptr;
    if (vips_copy(thumb.get(), &copied, nullptr) != 0) return bad("không xử lý được ảnh: " + vips_message());
    Image img(copied);
    gchar** fields = vips_image_get_fields(img.get());
    for (gchar** f = fields; f && *f; ++f) {
      std::string_view name(*f);
      if (name.rfind("exif-", 0) == 0 || name == VIPS_META_XMP_NAME || name == VIPS_META_IPTC_NAME ||
          name == VIPS_META_ICC_NAME || name.rfind("png-comment", 0) == 0)
        vips_image_remove(img.get(), *f);
    }
    g_strfreev(fields);
    Rendition r;
    r.width = vips_image_get_width(img.get());
    r.height = vips_image_get_height(img.get());
    r.file_name = base + "-" + std::to_string(target) + ".webp";
    void* buf = nullptr;
    size_t len = 0;
    if (vips_webpsave_buffer(img.get(), &buf, &len, "Q", 80, "strip", TRUE, nullptr) != 0)
      return Status::error(Code::io, "không mã hoá được ảnh: " + vips_message());
    std::string webp = strip_webp_metadata(std::string(static_cast<char*>(buf), len));
    g_free(buf);
    if (auto st = files.put(r.file_name, webp); !st) return st;
    r.size = static_cast<std::int64_t>(webp.size());
    out.width = r.width;
    out.height = r.height;
    out.renditions.push_back(std::move(r));
  }
  return out;
}

std::optional<VideoType> sniff_video(std::string_view b) {
  if (b.size() >= 12 && b.substr(4, 4) == "ftyp") return VideoType{"mp4", "video/mp4"};
  if (b.size() >= 4 && b.substr(0, 4) == std::string_view("\x1A\x45\xDF\xA3", 4) &&
      b.substr(0, 64).find("webm") != std::string_view::npos)
    return VideoType{"webm", "video/webm"};
  return std::nullopt;
}

bool is_webvtt(std::string_view b) {
  if (b.substr(0, 3) == "\xEF\xBB\xBF") b.remove_prefix(3);
  return b.substr(0, 6) == "WEBVTT" && (b.size() == 6 || b[6] == '\n' || b[6] == '\r' || b[6] == ' ' || b[6] == '\t');
}

}  // namespace portico::media
