// The legal-document register against a real SQLite file: states by date, facets, folded
// search, attachments and the all-or-nothing CSV import.
#include "gov/documents.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>

#include "render/vn_time.h"

using namespace portico;
using namespace portico::gov;

namespace {

// Who the tests act as: the audit log's actor.
const portico::Actor kEditor{1, "bientap", "127.0.0.1"};

class DocumentsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("portico-documents-" + std::to_string(::getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_ / "media");
    store_ = std::move(*open_sqlite_store({.path = (dir_ / "t.db").string(), .readers = 2}));
    site_ = *store_->create_site({.host = "a.vn", .name = "Xã A", .is_default = true});
    docs_ = std::make_unique<Documents>(*store_, clock_, (dir_ / "media").string());
  }
  void TearDown() override {
    docs_.reset();
    store_.reset();
    std::filesystem::remove_all(dir_);
  }
  Id add(std::string number, std::string type, std::string issuer, std::string issued, std::string summary,
         std::string field = "", std::string expires = "", std::string replaced_by = "") {
    DocumentInput in{number, type, issuer, "Chu Thị Hồng Nhung", field, summary, "", issued, "", expires, false, replaced_by};
    auto id = docs_->save(kEditor, site_, 0, in);
    EXPECT_TRUE(id) << id.status().message();
    return id ? *id : 0;
  }
  // 30/11/2026 08:00 in Hà Nội.
  FixedClock clock_{render::parse_local_datetime("2026-11-30T08:00")};
  std::filesystem::path dir_;
  std::unique_ptr<Store> store_;
  std::unique_ptr<Documents> docs_;
  Id site_ = 0;
};

}  // namespace

TEST_F(DocumentsTest, StatesFollowTheDatesAndReplacement) {
  Id old = add("12/QĐ-UBND", "Quyết định", "UBND huyện Yên Sơn", "01/02/2020", "Quy chế cũ", "Nội vụ");
  Id expired = add("5/KH-UBND", "Kế hoạch", "UBND huyện Yên Sơn", "01/01/2025", "Kế hoạch năm 2025", "", "01/01/2026");
  add("20/QĐ-UBND", "Quyết định", "UBND huyện Yên Sơn", "01/03/2026", "Quy chế mới", "Nội vụ");
  // The old one is replaced by the new one: edited with the replacing number.
  DocumentInput edit{"12/QĐ-UBND", "Quyết định", "UBND huyện Yên Sơn", "", "Nội vụ", "Quy chế cũ", "", "01/02/2020",
                     "", "", false, "20/QĐ-UBND"};
  ASSERT_TRUE(docs_->save(kEditor, site_, old, edit));
  edit.replaced_by = "12/QĐ-UBND";
  EXPECT_EQ(docs_->save(kEditor, site_, old, edit).status().code(), Code::invalid) << "not by itself";
  DocumentInput later{"7/NQ-HĐND", "Nghị quyết", "HĐND huyện Yên Sơn", "", "", "Hiệu lực sau", "", "20/11/2026",
                      "01/01/2027"};
  ASSERT_TRUE(docs_->save(kEditor, site_, 0, later));
  auto d = *docs_->by_id(site_, old);
  EXPECT_EQ(docs_->state(d), DocumentState::replaced);
  EXPECT_EQ(d.replaced_by_number, "20/QĐ-UBND");
  EXPECT_EQ(docs_->state(*docs_->by_id(site_, expired)), DocumentState::expired);
  auto all = *docs_->list(site_, {});
  ASSERT_EQ(all.total, 4);
  EXPECT_EQ(all.items.front().number, "7/NQ-HĐND");  // newest issued first
  EXPECT_EQ(docs_->state(all.items.front()), DocumentState::pending);
  // The state filter agrees with state().
  DocumentFilter f;
  f.state = DocumentState::effective;
  auto effective = *docs_->list(site_, f);
  ASSERT_EQ(effective.total, 1);
  EXPECT_EQ(effective.items[0].number, "20/QĐ-UBND");
  // Tomorrow-that-matters: on 01/01/2027 the pending one is in force.
  clock_.set(render::parse_local_datetime("2027-01-01T00:00"));
  EXPECT_EQ(docs_->list(site_, f)->total, 2);
}

TEST_F(DocumentsTest, FacetsCountUnderTheOtherFilters) {
  add("1/QĐ", "Quyết định", "UBND huyện", "05/01/2024", "Một", "Giáo dục");
  add("2/QĐ", "Quyết định", "UBND huyện", "05/01/2025", "Hai", "Y tế");
  add("3/KH", "Kế hoạch", "Huyện ủy", "05/01/2025", "Ba", "Y tế");
  DocumentFilter f;
  f.doc_type = "Quyết định";
  auto l = *docs_->list(site_, f);
  EXPECT_EQ(l.total, 2);
  ASSERT_EQ(l.types.size(), 2u);  // the type facet ignores the type filter
  EXPECT_EQ(l.types[0].value, "Quyết định");
  EXPECT_EQ(l.types[0].count, 2);
  ASSERT_EQ(l.issuers.size(), 1u);  // other facets respect it
  ASSERT_EQ(l.years.size(), 2u);
  EXPECT_EQ(l.years[0].value, "2025");
  f.year = 2025;
  EXPECT_EQ(docs_->list(site_, f)->total, 1);
}

TEST_F(DocumentsTest, SearchIsFoldedAcrossNumberSummaryAndIssuer) {
  add("03-ĐA/TU", "Đề án", "Tỉnh ủy Tuyên Quang", "15/03/2021", "Nâng cao chất lượng phát triển đảng viên");
  add("9/KH", "Kế hoạch", "UBND huyện Hàm Yên", "15/03/2022", "Trồng rừng");
  for (const char* q : {"dang vien", "ĐẢNG VIÊN", "03-DA/TU", "da tu", "ham yen"}) {
    DocumentFilter f;
    f.q = q;
    auto l = docs_->list(site_, f);
    ASSERT_TRUE(l) << q;
    EXPECT_EQ(l->total, 1) << q;
  }
  DocumentFilter bad;
  bad.q = "\"\"";
  EXPECT_FALSE(docs_->list(site_, bad));
}

TEST_F(DocumentsTest, RefusesMissingFieldsBadDatesAndDuplicates) {
  add("1/QĐ", "Quyết định", "UBND huyện", "05/01/2024", "Một");
  DocumentInput in{"1/QĐ", "Quyết định", "UBND huyện", "", "", "Trùng", "", "05/01/2024"};
  EXPECT_EQ(docs_->save(kEditor, site_, 0, in).status().code(), Code::conflict);
  in.issuer = "UBND xã";  // the same number from another body is another document
  EXPECT_TRUE(docs_->save(kEditor, site_, 0, in));
  for (auto broken : {DocumentInput{"", "Quyết định", "X", "", "", "Y", "", "05/01/2024"},
                      DocumentInput{"2", "Quyết định", "X", "", "", "Y", "", "31/02/2024"},
                      DocumentInput{"3", "Quyết định", "X", "", "", "Y", "", "05/01/2024", "01/01/2024"},
                      DocumentInput{"4", "Quyết định", "X", "", "", "Y", "", "05/01/2024", "", "", false, "không-có"}})
    EXPECT_EQ(docs_->save(kEditor, site_, 0, broken).status().code(), Code::invalid) << broken.number;
}

TEST_F(DocumentsTest, AttachmentsKeepTheirVietnameseNameAndGoWithTheDocument) {
  DocumentInput in{"1/QĐ", "Quyết định", "UBND huyện", "", "", "Một", "", "05/01/2024"};
  std::string pdf = "%PDF-1.4\n1 0 obj\n<<>>\nendobj\n%%EOF\n";
  auto saved = docs_->save(kEditor, site_, 0, in, {{pdf, "C:\\Tài liệu\\Quyết định số 1.pdf"}});
  ASSERT_TRUE(saved) << saved.status().message();
  Id id = *saved;
  auto d = *docs_->by_id(site_, id);
  ASSERT_EQ(d.files.size(), 1u);
  EXPECT_EQ(d.files[0].original_name, "Quyết định số 1.pdf");
  EXPECT_EQ(d.files[0].mime, "application/pdf");
  EXPECT_TRUE(std::filesystem::exists(dir_ / "media" / d.files[0].file_name));
  auto media_files = [&] { return std::distance(std::filesystem::directory_iterator(dir_ / "media"), {}); };
  // A file of the wrong type, or a save that fails (the number taken), changes nothing: no
  // row, no file left on disk, the old file still attached.
  EXPECT_EQ(docs_->save(kEditor, site_, id, in, {{pdf, "hai.pdf"}, {"MZ\x90\x00 not a document", "virus.pdf"}}).status().code(),
            Code::unsupported);
  ASSERT_TRUE(docs_->save(kEditor, site_, 0, DocumentInput{"2/QĐ", "Quyết định", "UBND huyện", "", "", "Hai", "", "06/01/2024"}));
  DocumentInput taken = in;
  taken.number = "2/QĐ";
  EXPECT_EQ(docs_->save(kEditor, site_, id, taken, {{pdf, "hai.pdf"}}, {d.files[0].id}).status().code(), Code::conflict);
  EXPECT_EQ(media_files(), 1);
  EXPECT_EQ(docs_->by_id(site_, id)->files.size(), 1u);
  EXPECT_EQ(docs_->by_id(site_, id)->number, "1/QĐ");
  // Replacing the file: the new one attached and the old one gone, rows and disk, in one save.
  ASSERT_TRUE(docs_->save(kEditor, site_, id, in, {{pdf, "Bản mới.pdf"}}, {d.files[0].id}));
  auto now = *docs_->by_id(site_, id);
  ASSERT_EQ(now.files.size(), 1u);
  EXPECT_EQ(now.files[0].original_name, "Bản mới.pdf");
  EXPECT_FALSE(std::filesystem::exists(dir_ / "media" / d.files[0].file_name));
  EXPECT_EQ(docs_->save(kEditor, site_, id, in, {}, {d.files[0].id}).status().code(), Code::not_found);
  EXPECT_EQ(Documents::download_name("bao-cao", "docx"), "bao-cao.docx");
  EXPECT_EQ(Documents::download_name("Báo cáo.PDF", "pdf"), "Báo cáo.pdf");
  ASSERT_TRUE(docs_->remove(kEditor, site_, id));
  EXPECT_FALSE(std::filesystem::exists(dir_ / "media" / now.files[0].file_name));
  EXPECT_FALSE(docs_->by_id(site_, id));
}

TEST_F(DocumentsTest, CsvImportIsAllOrNothingWithAReasonPerRow) {
  add("1/QĐ", "Quyết định", "UBND huyện", "05/01/2024", "Đã có");
  std::string bad =
      "Số/ký hiệu,Loại văn bản,Cơ quan ban hành,Ngày ban hành,Trích yếu,Thay thế bởi số\n"
      "2/KH,Kế hoạch,UBND huyện,01/02/2024,Tốt\n"
      "3/KH,Kế hoạch,UBND huyện,31/02/2024,Ngày sai\n"
      ",Kế hoạch,UBND huyện,01/02/2024,Thiếu số\n"
      "1/QĐ,Quyết định,UBND huyện,05/01/2024,Trùng trong hệ thống\n"
      "2/KH,Kế hoạch,UBND huyện,01/02/2024,Trùng trong tệp\n"
      "\"4/KH\",Kế hoạch,UBND huyện,01/03/2024,\"Thay, thế\",9/KHÔNG\n";
  auto r = docs_->import_csv(kEditor, site_, bad);
  EXPECT_EQ(r.imported, 0);
  ASSERT_EQ(r.rejected.size(), 5u);
  EXPECT_EQ(r.rejected[0].line, 3);
  EXPECT_NE(r.rejected[0].reason.find("ngày ban hành"), std::string::npos);
  EXPECT_EQ(r.rejected[1].line, 4);
  EXPECT_EQ(r.rejected[2].line, 5);
  EXPECT_EQ(r.rejected[3].line, 6);
  EXPECT_EQ(r.rejected[4].line, 7);
  EXPECT_EQ(docs_->list(site_, {})->total, 1) << "nothing half-imported";
  std::string good =
      "\xEF\xBB\xBFSố/ký hiệu;Loại văn bản;Cơ quan ban hành;Ngày ban hành;Trích yếu;Lĩnh vực;Thay thế bởi số\r\n"
      "2/KH;Kế hoạch;UBND huyện;01/02/2024;Phát triển đảng viên;Xây dựng Đảng;\r\n"
      "3/KH;Kế hoạch;UBND huyện;2024-03-01;Trồng rừng;Nông nghiệp;1/QĐ\r\n";
  r = docs_->import_csv(kEditor, site_, good);
  EXPECT_TRUE(r.rejected.empty());
  EXPECT_EQ(r.error, "");
  EXPECT_EQ(r.imported, 2);
  auto three = store_->documents_numbered(site_, "3/KH");  // replaced by 1/QĐ, already in the register
  ASSERT_TRUE(three.is_ok()) << three.status().message();
  ASSERT_EQ(three->size(), 1u);
  EXPECT_EQ(docs_->state((*three)[0]), DocumentState::replaced);
  EXPECT_EQ((*three)[0].replaced_by_number, "1/QĐ");
  DocumentFilter f;
  f.q = "dang vien";
  EXPECT_EQ(docs_->list(site_, f)->total, 1);
  EXPECT_NE(docs_->import_csv(kEditor, site_, "Tên,Tuổi\nA,1\n").error.find("thiếu cột"), std::string::npos);
  EXPECT_NE(docs_->import_csv(kEditor, site_, "\xff\xfe").error, "");
}
