// Renditions of real images made by libvips itself, one of them carrying EXIF.
#include "media/images.h"

#include <gtest/gtest.h>
#include <vips/vips.h>

#include <filesystem>
#include <fstream>
#include <sstream>

using namespace portico::media;

namespace {
// A JPEG of the given size, with an EXIF segment (APP1) naming a GPS position.
std::string jpeg_with_exif(int w, int h) {
  VipsImage* black = nullptr;
  EXPECT_EQ(vips_black(&black, w, h, "bands", 3, nullptr), 0);
  void* buf = nullptr;
  size_t len = 0;
  EXPECT_EQ(vips_jpegsave_buffer(black, &buf, &len, nullptr), 0);
  g_object_unref(black);
  std::string jpeg(static_cast<char*>(buf), len);
  g_free(buf);
  // EXIF: TIFF little-endian header, IFD0 with one entry pointing to a GPS IFD with a latitude ref.
  std::string tiff("II*\0\x08\0\0\0", 8);
  tiff += std::string("\x01\0", 2);                            // IFD0: 1 entry
  tiff += std::string("\x25\x88\x04\0\x01\0\0\0\x1a\0\0\0", 12);  // GPSInfo (0x8825), LONG, → offset 26
  tiff += std::string("\0\0\0\0", 4);                          // no next IFD
  tiff += std::string("\x01\0", 2);                            // GPS IFD: 1 entry
  tiff += std::string("\x01\0\x02\0\x02\0\0\0N\0\0\0", 12);     // GPSLatitudeRef = "N"
  tiff += std::string("\0\0\0\0", 4);
  std::string app1 = "Exif" + std::string("\0\0", 2) + tiff;
  std::string seg = std::string("\xFF\xE1", 2);
  std::size_t seg_len = app1.size() + 2;
  seg += static_cast<char>(seg_len >> 8);
  seg += static_cast<char>(seg_len & 0xff);
  seg += app1;
  return jpeg.substr(0, 2) + seg + jpeg.substr(2);
}

std::string read(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}
}  // namespace

TEST(Images, SniffsTypesFromBytesNotNames) {
  EXPECT_EQ(sniff_image("\xFF\xD8\xFF\xE0"), ImageType::jpeg);
  EXPECT_EQ(sniff_image(std::string("\x89PNG\r\n\x1a\n", 8)), ImageType::png);
  EXPECT_EQ(sniff_image("RIFF\0\0\0\0WEBPVP8 "), std::nullopt);  // literal stops at the NUL
  EXPECT_EQ(sniff_image(std::string("RIFF\0\0\0\0WEBPVP8 ", 16)), ImageType::webp);
  EXPECT_EQ(sniff_image("<svg onload=alert(1)>"), std::nullopt);
  EXPECT_EQ(sniff_image("%PDF-1.7"), std::nullopt);
}

TEST(Images, RenditionWidths) {
  EXPECT_EQ(rendition_widths(100), (std::vector<int>{100}));
  EXPECT_EQ(rendition_widths(320), (std::vector<int>{320}));
  EXPECT_EQ(rendition_widths(1000), (std::vector<int>{320, 800, 1000}));
  EXPECT_EQ(rendition_widths(4000), (std::vector<int>{320, 800, 1600}));
}

TEST(Images, RenditionsAreWebpAndCarryNoExif) {
  auto dir = std::filesystem::temp_directory_path() / ("portico-img-" + std::to_string(::getpid()));
  std::string jpeg = jpeg_with_exif(1200, 900);
  // the input really carries EXIF as libvips reads it
  VipsImage* in = vips_image_new_from_buffer(jpeg.data(), jpeg.size(), "", nullptr);
  ASSERT_NE(in, nullptr);
  EXPECT_NE(vips_image_get_typeof(in, VIPS_META_EXIF_NAME), 0u);
  g_object_unref(in);
  FileStore files(dir.string());
  Upload upload(files);
  auto r = make_renditions(jpeg, upload, "anh-1");
  ASSERT_TRUE(r.is_ok()) << r.status().message();
  ASSERT_EQ(r->renditions.size(), 3u);
  EXPECT_EQ(r->renditions[0].width, 320);
  EXPECT_EQ(r->renditions[0].height, 240);
  EXPECT_EQ(r->width, 1200);
  EXPECT_EQ(join_widths(r->renditions), "320,800,1200");
  for (const auto& x : r->renditions) {
    std::string file = read(dir / x.file_name);
    EXPECT_EQ(sniff_image(file), ImageType::webp);
    EXPECT_EQ(file.find("EXIF"), std::string::npos) << x.file_name;
    EXPECT_EQ(file.find("Exif"), std::string::npos) << x.file_name;
    EXPECT_EQ(static_cast<std::int64_t>(file.size()), x.size);
  }
  upload.keep();
  std::filesystem::remove_all(dir);
}

TEST(Images, GarbageAndFakesAreRefused) {
  auto dir = std::filesystem::temp_directory_path() / ("portico-img2-" + std::to_string(::getpid()));
  FileStore files(dir.string());
  Upload upload(files);
  EXPECT_EQ(make_renditions("not an image", upload, "x").status().code(), portico::Code::invalid);
  EXPECT_EQ(make_renditions("\xFF\xD8\xFF garbage after a JPEG signature", upload, "x").status().code(),
            portico::Code::invalid);
  std::filesystem::remove_all(dir);
}

TEST(Documents, SniffedFromTheBytes) {
  EXPECT_STREQ(sniff_document("%PDF-1.7\n...")->extension, "pdf");
  std::string docx = std::string("PK\x03\x04", 4) + "....[Content_Types].xml....word/document.xml...";
  EXPECT_STREQ(sniff_document(docx)->extension, "docx");
  std::string xlsx = std::string("PK\x03\x04", 4) + "....xl/workbook.xml";
  EXPECT_STREQ(sniff_document(xlsx)->extension, "xlsx");
  std::string odt = std::string("PK\x03\x04", 4) + "....mimetypeapplication/vnd.oasis.opendocument.text";
  EXPECT_STREQ(sniff_document(odt)->extension, "odt");
  EXPECT_FALSE(sniff_document(std::string("PK\x03\x04", 4) + "just a zip"));
  EXPECT_FALSE(sniff_document("MZ\x90\x00 an executable"));
  EXPECT_FALSE(sniff_document(std::string("\xD0\xCF\x11\xE0", 4)));  // old binary Office: not taken
}

TEST(FileStore, WritesWholeFilesUnderGeneratedNamesAndAFailedRequestLeavesNone) {
  auto dir = std::filesystem::temp_directory_path() / ("portico-files-" + std::to_string(::getpid()));
  std::filesystem::remove_all(dir);
  FileStore files(dir.string());
  std::string kept, dropped;
  {
    Upload upload(files);
    auto a = upload.write("van-ban", "pdf", "%PDF-1.7 first");
    ASSERT_TRUE(a.is_ok()) << a.status().message();
    EXPECT_EQ(a->rfind("van-ban-", 0), 0u);
    EXPECT_EQ(a->size(), std::string("van-ban-").size() + 16 + 4);
    EXPECT_EQ(a->find('_'), std::string::npos);
    EXPECT_EQ(read(dir / *a), "%PDF-1.7 first");
    upload.keep();
    kept = *a;
    auto b = upload.write("van-ban", "pdf", "%PDF-1.7 second");  // the request fails after this one
    ASSERT_TRUE(b.is_ok());
    EXPECT_NE(*b, kept);
    dropped = *b;
    EXPECT_TRUE(std::filesystem::exists(dir / dropped));
  }
  EXPECT_TRUE(std::filesystem::exists(dir / kept));
  EXPECT_FALSE(std::filesystem::exists(dir / dropped));
  // Replacing is atomic and leaves no temporary file; names that would escape the area are refused.
  ASSERT_TRUE(files.put(kept, "%PDF-1.7 replaced").is_ok());
  EXPECT_EQ(read(dir / kept), "%PDF-1.7 replaced");
  EXPECT_FALSE(files.put("../outside.pdf", "x").is_ok());
  EXPECT_FALSE(files.put(".hidden", "x").is_ok());
  std::size_t entries = 0;
  for ([[maybe_unused]] const auto& e : std::filesystem::directory_iterator(dir)) ++entries;
  EXPECT_EQ(entries, 1u);
  // A temporary file a crash left behind is swept once it is old.
  std::ofstream(dir / ".x.pdf.tmp-abc") << "half";
  files.sweep(3600);
  EXPECT_TRUE(std::filesystem::exists(dir / ".x.pdf.tmp-abc"));
  files.sweep(-1);
  EXPECT_FALSE(std::filesystem::exists(dir / ".x.pdf.tmp-abc"));
  files.remove(kept);
  files.remove("never-was.pdf");
  EXPECT_TRUE(std::filesystem::is_empty(dir));
  std::filesystem::remove_all(dir);
}
