// The public side of the legal-document register: /van-ban (faceted list and search),
// /van-ban/{slug} (one document), its downloads, and /api/v1/documents.
#pragma once
#include <string>
#include <string_view>

#include "content/pages.h"
#include "gov/documents.h"
#include "http/message.h"

namespace portico::gov {

class DocumentPages {
 public:
  static constexpr const char* kPath = "/van-ban";

  DocumentPages(Documents& docs, content::PublicPages& pages)
      : docs_(docs), pages_(pages) {}

  // /van-ban: the register, a document, its files, and /api/v1/documents.
  void add_routes(content::Routes& routes);

  // /van-ban?q=…&loai=…&co-quan=…&linh-vuc=…&nam=YYYY&hieu-luc=con-hieu-luc&trang=N
  http::Response list(const content::PageContext& c);
  http::Response detail(const content::PageContext& c, std::string_view slug);
  // The attachment /van-ban/{slug}/tep/{id} names; not_found otherwise.
  Result<DocumentFile> file(const content::PageContext& c, std::string_view slug, std::string_view id);

  // GET /api/v1/documents?q=&type=&issuer=&field=&year=&state=&page= and /api/v1/documents/{id}
  http::Response api_list(const http::Request& r, const content::SiteContent& s);
  http::Response api_get(const content::SiteContent& s, std::string_view id);

  // For the site search: up to three matching documents and the count; false when none.
  render::Data search_section(const content::PageContext& c, const std::string& words);

  static std::string path(std::string_view slug) { return std::string(kPath) + "/" + std::string(slug); }

 private:
  Documents& docs_;
  content::PublicPages& pages_;
};

// "850 B", "12,5 KB", "1,2 MB": sizes as Vietnamese write decimals.
std::string human_size(std::int64_t bytes);
// "PDF", "Word", … from a stored file name's extension.
std::string file_kind(std::string_view file_name);

}  // namespace portico::gov
