// The SQLite Store: news shared down to sub-portals, and proposed up from them.
#include "store/sql/sql_store.h"

namespace portico {

const char* to_string(ProposalState s) {
  switch (s) {
    case ProposalState::pending: return "pending";
    case ProposalState::taken: return "taken";
    case ProposalState::declined: return "declined";
  }
  return "pending";
}

namespace sql {

namespace {

constexpr const char* kProposalCols =
    "SELECT p.id, p.site_id, p.from_site_id, p.article_id, p.state, p.note, p.reason, COALESCE(p.proposed_by,0), "
    "p.proposed_at, COALESCE(p.decided_by,0), p.decided_at, p.copy_id, a.title, a.slug FROM article_proposals p "
    "JOIN articles a ON a.id = p.article_id ";

Proposal read_proposal(Stmt& s) {
  Proposal p;
  p.id = s.i64(0), p.site_id = s.i64(1), p.from_site_id = s.i64(2), p.article_id = s.i64(3);
  std::string state = s.text(4);
  p.state = state == "taken" ? ProposalState::taken : state == "declined" ? ProposalState::declined : ProposalState::pending;
  p.note = s.text(5), p.reason = s.text(6), p.proposed_by = s.i64(7), p.proposed_at = s.i64(8);
  p.decided_by = s.i64(9), p.decided_at = s.i64(10), p.copy_id = s.i64(11), p.title = s.text(12), p.slug = s.text(13);
  return p;
}

}  // namespace

Status SqlStore::set_shares(Id site_id, Id article_id, const std::vector<Id>& targets, Id by, std::int64_t now) {
  std::lock_guard lock(write_mu_);
  return in_transaction([&]() -> Status {
    {
      auto own = writer_->prepare("SELECT 1 FROM articles WHERE site_id = ?1 AND id = ?2");
      own.bind(1, site_id).bind(2, article_id);
      if (!own.step()) return Status::error(Code::not_found, "không có bài viết này");
    }
    // Sites that keep their share keep its date: delete only those no longer chosen.
    std::string keep;
    for (Id t : targets) keep += (keep.empty() ? "" : ",") + std::to_string(t);
    auto del = writer_->prepare("DELETE FROM article_shares WHERE article_id = ?1" +
                               (keep.empty() ? std::string() : " AND site_id NOT IN (" + keep + ")"));
    del.bind(1, article_id);
    del.step();
    if (!del.done()) return Status::error(Code::io, writer_->error());
    for (Id t : targets) {
      if (t == site_id) continue;
      auto ins = writer_->prepare(
          "INSERT INTO article_shares (site_id, article_id, from_site_id, shared_by, shared_at) "
          "VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT DO NOTHING");
      ins.bind(1, t).bind(2, article_id).bind(3, site_id).bind_null_if_zero(4, by).bind(5, now);
      ins.step();
      if (!ins.done()) return Status::error(ins.constraint() ? Code::invalid : Code::io,
                                            "không chia sẻ được tới cổng " + std::to_string(t));
    }
    return Status::ok();
  });
}

Result<std::vector<Id>> SqlStore::shares(Id site_id, Id article_id) {
  auto r = reader();
  auto s = r->prepare("SELECT site_id FROM article_shares WHERE article_id = ?1 AND from_site_id = ?2 ORDER BY site_id");
  s.bind(1, article_id).bind(2, site_id);
  std::vector<Id> out;
  while (s.step()) out.push_back(s.i64(0));
  if (!s.done()) return Status::error(Code::io, r->error());
  return out;
}

Result<std::vector<Id>> SqlStore::share_targets(Id site_id) {
  auto r = reader();
  auto s = r->prepare("SELECT DISTINCT site_id FROM article_shares WHERE from_site_id = ?1 ORDER BY site_id");
  s.bind(1, site_id);
  std::vector<Id> out;
  while (s.step()) out.push_back(s.i64(0));
  if (!s.done()) return Status::error(Code::io, r->error());
  return out;
}

Result<ArticleList> SqlStore::shared_with(Id site_id, std::int64_t now, int offset, int limit) {
  const std::string from =
      " FROM article_shares x JOIN articles a ON a.id = x.article_id "
      "WHERE x.site_id = ?1 AND a.status = 'published' AND a.published_at <= ?2";
  auto r = reader();
  ArticleList out;
  {
    auto s = r->prepare("SELECT a.id, a.category_id, a.title, a.slug, a.lead, COALESCE(a.cover_media_id,0), "
                        "a.published_at, a.updated_at, a.site_id" + from +
                        " ORDER BY a.published_at DESC, a.id DESC LIMIT ?3 OFFSET ?4");
    s.bind(1, site_id).bind(2, now).bind(3, std::max(0, limit)).bind(4, std::max(0, offset));
    while (s.step())
      out.items.push_back({s.i64(0), s.i64(1), s.text(2), s.text(3), s.text(4), s.i64(5), s.i64(6), s.i64(7), s.i64(8)});
    if (!s.done()) return Status::error(Code::io, r->error());
  }
  auto c = r->prepare("SELECT COUNT(*)" + from);
  c.bind(1, site_id).bind(2, now);
  if (!c.step()) return Status::error(Code::io, r->error());
  out.total = c.i64(0);
  return out;
}

Result<Article> SqlStore::shared_article(Id site_id, std::string_view slug) {
  auto r = reader();
  auto s = r->prepare(std::string("SELECT ") + kArticleCols +
                      " FROM articles WHERE id = (SELECT a.id FROM article_shares x JOIN articles a ON a.id = x.article_id "
                      "WHERE x.site_id = ?1 AND a.slug = ?2 ORDER BY a.published_at DESC, a.id DESC LIMIT 1)");
  s.bind(1, site_id).bind(2, slug);
  if (s.step()) return read_article(s);
  return Status::error(Code::not_found, "không có bài viết này");
}

Result<Id> SqlStore::add_proposal(const Proposal& p0) {
  Proposal p = p0;
  if (!clean_all(p.note)) return invalid_text();
  std::lock_guard lock(write_mu_);
  auto s = writer_->prepare(
      "INSERT INTO article_proposals (site_id, from_site_id, article_id, note, proposed_by, proposed_at) "
      "SELECT ?1, ?2, ?3, ?4, ?5, ?6 WHERE EXISTS (SELECT 1 FROM articles WHERE site_id = ?2 AND id = ?3)");
  s.bind(1, p.site_id).bind(2, p.from_site_id).bind(3, p.article_id).bind(4, p.note);
  s.bind_null_if_zero(5, p.proposed_by).bind(6, p.proposed_at);
  auto id = finish_insert(s);
  if (!id) return id.status().code() == Code::conflict ? Status::error(Code::conflict, "bài viết này đang chờ cổng cấp trên xem xét")
                                              : id.status();
  if (writer_->changes() == 0) return Status::error(Code::not_found, "không có bài viết này");
  return id;
}

Result<std::vector<Proposal>> SqlStore::proposals(Id site_id, int limit) {
  auto r = reader();
  auto s = r->prepare(std::string(kProposalCols) +
                      "WHERE p.site_id = ?1 ORDER BY p.state <> 'pending', "
                      "CASE WHEN p.state = 'pending' THEN p.proposed_at ELSE -p.decided_at END, p.id LIMIT ?2");
  s.bind(1, site_id).bind(2, std::max(0, limit));
  std::vector<Proposal> out;
  while (s.step()) out.push_back(read_proposal(s));
  if (!s.done()) return Status::error(Code::io, r->error());
  return out;
}

Result<std::vector<Proposal>> SqlStore::proposals_of(Id from_site_id, Id article_id) {
  auto r = reader();
  auto s = r->prepare(std::string(kProposalCols) + "WHERE p.from_site_id = ?1 AND p.article_id = ?2 ORDER BY p.id DESC");
  s.bind(1, from_site_id).bind(2, article_id);
  std::vector<Proposal> out;
  while (s.step()) out.push_back(read_proposal(s));
  if (!s.done()) return Status::error(Code::io, r->error());
  return out;
}

Result<Proposal> SqlStore::proposal(Id site_id, Id id) {
  auto r = reader();
  auto s = r->prepare(std::string(kProposalCols) + "WHERE p.site_id = ?1 AND p.id = ?2");
  s.bind(1, site_id).bind(2, id);
  if (s.step()) return read_proposal(s);
  return Status::error(Code::not_found, "không có đề xuất này");
}

Result<Id> SqlStore::take_proposal(Id site_id, Id id, Article copy, Id by, std::int64_t now) {
  std::lock_guard lock(write_mu_);
  return in_transaction([&]() -> Result<Id> {
    auto pending = [&]() -> Status {
      auto s = writer_->prepare("SELECT state FROM article_proposals WHERE site_id = ?1 AND id = ?2");
      s.bind(1, site_id).bind(2, id);
      if (!s.step()) return Status::error(Code::not_found, "không có đề xuất này");
      if (s.text(0) != "pending") return Status::error(Code::conflict, "đề xuất này đã được xử lý");
      return Status::ok();
    };
    if (auto st = pending(); !st) return st;
    copy.id = 0;
    copy.site_id = site_id;
    copy.status = ArticleStatus::published;
    copy.published_at = copy.created_at = copy.updated_at = now;
    copy.created_by = by;
    copy.version = 1;
    copy.is_featured = copy.is_demo = false;
    auto copy_id = insert_article(copy);
    if (!copy_id) return copy_id;
    copy.id = *copy_id;
    if (auto st = insert_revision(copy, 1, by, now); !st) return st;
    auto u = writer_->prepare(
        "UPDATE article_proposals SET state = 'taken', decided_by = ?3, decided_at = ?4, copy_id = ?5 "
        "WHERE site_id = ?1 AND id = ?2");
    u.bind(1, site_id).bind(2, id).bind_null_if_zero(3, by).bind(4, now).bind(5, *copy_id);
    if (auto st = finish_change(u); !st) return st;
    return *copy_id;
  });
}

Status SqlStore::decline_proposal(Id site_id, Id id, std::string reason, Id by, std::int64_t now) {
  if (!clean_all(reason)) return invalid_text();
  std::lock_guard lock(write_mu_);
  auto u = writer_->prepare(
      "UPDATE article_proposals SET state = 'declined', reason = ?3, decided_by = ?4, decided_at = ?5 "
      "WHERE site_id = ?1 AND id = ?2 AND state = 'pending'");
  u.bind(1, site_id).bind(2, id).bind(3, reason).bind_null_if_zero(4, by).bind(5, now);
  u.step();
  if (!u.done()) return Status::error(Code::io, writer_->error());
  if (writer_->changes() > 0) return Status::ok();
  auto s = writer_->prepare("SELECT 1 FROM article_proposals WHERE site_id = ?1 AND id = ?2");
  s.bind(1, site_id).bind(2, id);
  return s.step() ? Status::error(Code::conflict, "đề xuất này đã được xử lý")
                  : Status::error(Code::not_found, "không có đề xuất này");
}

}  // namespace sql
}  // namespace portico
