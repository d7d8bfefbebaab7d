#include "newsroom/sharing.h"

#include <algorithm>

#include "content/pages.h"

namespace portico::newsroom {

std::vector<std::shared_ptr<const content::SiteContent>> Sharing::sub_portals(Id site_id) {
  auto all = content_.sites();
  std::vector<std::shared_ptr<const content::SiteContent>> out;
  for (const content::SiteContent* s : content::sub_portals(all, site_id)) out.push_back(content_.site_by_id(s->site.id));
  return out;
}

Status Sharing::share(const Actor& who, Id site_id, Id article_id, std::vector<Id> targets) {
  auto below = sub_portals(site_id);
  std::sort(targets.begin(), targets.end());
  targets.erase(std::unique(targets.begin(), targets.end()), targets.end());
  for (Id t : targets)
    if (std::none_of(below.begin(), below.end(), [&](const auto& s) { return s->site.id == t; }))
      return Status::error(Code::invalid, "chỉ chia sẻ được tới các cổng thành phần của cổng này");
  auto before = store_.shares(site_id, article_id);
  if (!before) return before.status();
  auto st = store_.set_shares(site_id, article_id, targets, who.user_id, clock_.now());
  if (!st) return st;
  std::string detail;
  for (Id t : targets) detail += (detail.empty() ? "" : ",") + std::to_string(t);
  static_cast<void>(announce(site_id, Status::ok(), who, "article_share", std::to_string(article_id), detail.empty() ? "-" : detail));
  for (const auto& list : {*before, targets})
    for (Id t : list) changed(t);
  return st;
}

Result<Id> Sharing::propose(const Actor& who, const content::SiteContent& from, Id article_id, std::string note) {
  if (!from.site.parent_id) return Status::error(Code::invalid, "cổng này không có cổng cấp trên để đề xuất");
  auto a = store_.article(from.site.id, article_id);
  if (!a) return a.status();
  if (a->status != ArticleStatus::published)
    return Status::error(Code::invalid, "chỉ đề xuất được bài viết đã xuất bản");
  if (note.size() > 2000) return Status::error(Code::invalid, "lời nhắn dài quá 2.000 ký tự");
  Proposal p;
  p.site_id = from.site.parent_id;
  p.from_site_id = from.site.id;
  p.article_id = article_id;
  p.note = std::move(note);
  p.proposed_by = who.user_id;
  p.proposed_at = clock_.now();
  auto id = store_.add_proposal(p);
  // The log of each side: the sub-portal proposed, the site above received it.
  if (id) static_cast<void>(announce(from.site.id, Status::ok(), who, "article_propose", std::to_string(article_id)));
  return id;
}

Result<Id> Sharing::take(const Actor& who, Id site_id, Id proposal_id, Id category_id) {
  auto p = store_.proposal(site_id, proposal_id);
  if (!p) return p.status();
  auto here = content_.site_by_id(site_id);
  const Category* cat = here ? here->find(category_id) : nullptr;
  if (!cat || !cat->link.empty()) return Status::error(Code::invalid, "hãy chọn một chuyên mục tin bài của cổng này");
  auto original = store_.article(p->from_site_id, p->article_id);
  if (!original) return original.status();
  auto from = content_.site_by_id(p->from_site_id);
  Article copy = *original;
  copy.category_id = category_id;
  copy.slug.clear();
  copy.related_override.clear();
  copy.genre.clear();  // royalties are the sub-portal's
  copy.cover_media_id = 0;  // the cover is the sub-portal's upload; the body keeps its images
  copy.source = from ? from->site.portal_title + " " + from->site.name : original->source;
  copy.source_url = from ? from->origin + content::PublicPages::article_path(original->slug) : "";
  copy.workflow_note.clear();
  auto id = store_.take_proposal(site_id, proposal_id, std::move(copy), who.user_id, clock_.now());
  return announce(site_id, std::move(id), who, "proposal_take", std::to_string(proposal_id), p->title);
}

Status Sharing::decline(const Actor& who, Id site_id, Id proposal_id, std::string reason) {
  if (reason.find_first_not_of(" \t\r\n") == std::string::npos)
    return Status::error(Code::invalid, "hãy ghi lý do từ chối để cổng thành phần biết");
  if (reason.size() > 2000) return Status::error(Code::invalid, "lý do dài quá 2.000 ký tự");
  auto st = store_.decline_proposal(site_id, proposal_id, std::move(reason), who.user_id, clock_.now());
  if (!st) return st;
  return announce(site_id, st, who, "proposal_decline", std::to_string(proposal_id));
}

}  // namespace portico::newsroom
