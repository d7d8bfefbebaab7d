// Legal documents (Văn bản): the rules behind the public register, the newsroom's forms and
// the CSV import. Attachments are PDF and office files, stored under <data>/media with a
// generated name and downloaded under the name they were uploaded with.
#pragma once
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/clock.h"
#include "content/change_notifier.h"
#include "media/file_store.h"
#include "store/store.h"

namespace portico::gov {

// "Còn hiệu lực"…, and the slugs the public filter uses ("con-hieu-luc"…).
const char* state_label(DocumentState s);
const char* state_slug(DocumentState s);
std::optional<DocumentState> parse_state_slug(std::string_view s);

// The public list's filters, as read from its query string.
struct DocumentFilter {
  std::string q;  // the reader's words (content::parse_search)
  std::string doc_type, issuer, field;
  int year = 0;
  std::optional<DocumentState> state;
  std::int64_t page = 1;
};

// A document as typed in the newsroom's form or a CSV row: dates as Vietnamese write them
// ("12/10/2023") or as a date input sends them ("2023-10-12").
struct DocumentInput {
  std::string number, doc_type, issuer, signer, field, summary, body_html;
  std::string issued_on, effective_on, expires_on;
  bool annulled = false;
  std::string replaced_by;  // the number of the replacing document; empty: none
};

struct ImportReport {
  int imported = 0;
  struct Rejected {
    int line = 0;  // in the file, as a spreadsheet numbers it
    std::string reason;
  };
  std::vector<Rejected> rejected;  // when not empty, nothing was imported
  std::string error;               // the file as a whole could not be read
};

class Documents : public content::ChangeNotifier {
 public:
  static constexpr int kPageSize = 20;
  static constexpr std::size_t kMaxImportRows = 5000;
  // The columns of a CSV import, in this order in the template; headers are matched folded.
  static const std::vector<std::string>& csv_columns();

  Documents(Store& store, const Clock& clock, std::string media_dir)
      : store_(store), clock_(clock), files_(std::move(media_dir)) {}

  std::int64_t today() const;
  DocumentState state(const Document& d) const;

  // invalid when the words make no search (nothing but punctuation).
  Result<DocumentList> list(Id site_id, const DocumentFilter& f, int per_page = kPageSize);
  Result<Document> by_slug(Id site_id, std::string_view slug) { return store_.document_by_slug(site_id, slug); }
  Result<Document> by_id(Id site_id, Id id) { return store_.document(site_id, id); }

  struct Upload {
    std::string_view bytes;
    std::string_view name;  // as the browser sent it
  };
  // Creates (id 0) or updates a document, attaches the uploads (PDF or office files, type
  // read from the bytes: unsupported otherwise) and detaches the files in drop, all in one
  // transaction: on any error the document is as it was. The body is sanitised.
  Result<Id> save(const Actor& who, Id site_id, Id id, const DocumentInput& in, const std::vector<Upload>& uploads = {},
                  const std::vector<Id>& drop = {});
  Status remove(const Actor& who, Id site_id, Id id);
  // All rows or none: any rejected row (missing fields, bad dates, duplicates in the file or
  // the register, unknown replacing number) rejects the import, with every reason listed.
  ImportReport import_csv(const Actor& who, Id site_id, std::string_view csv);

  // The name a download is offered under: the uploaded name, without any folder, with the
  // type's extension.
  static std::string download_name(std::string_view original, std::string_view extension);
  const media::FileStore& files() const { return files_; }

 private:
  Result<Document> to_document(Id site_id, const DocumentInput& in, bool resolve_replacement);
  void unlink(const std::vector<DocumentFile>& files);
  // Writes an upload into the media folder: its row, still without a document.
  Result<DocumentFile> write_file(media::Upload& files, std::string_view bytes, std::string_view original_name);

  Store& store_;
  const Clock& clock_;
  media::FileStore files_;
};

}  // namespace portico::gov
