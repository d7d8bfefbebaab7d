// The newsroom: its dashboard, articles and their workflow, royalties, media, categories,
// previews and the scheduler (accounts and sign-in: newsroom_accounts.cpp).
#include "newsroom/newsroom.h"

#include "http/assets.h"
#include "media/images.h"
#include "store/audit.h"
#include "text/accessibility.h"
#include "text/html.h"
#include "text/unicode.h"

namespace portico::newsroom {

Newsroom::Newsroom(Store& store, const Clock& clock, std::string signing_key, std::string media_dir)
    : store_(store),
      clock_(clock),
      scheduler_seen_(clock.now()),
      by_account_(clock, kAccountFailures, kThrottleWindow, &store),
      by_address_(clock, kAddressFailures, kThrottleWindow),
      signing_key_(std::move(signing_key)),
      files_(std::move(media_dir)) {}

void Newsroom::record(Id site_id, Id actor_id, std::string_view actor, std::string_view action, std::string_view target,
                      std::string_view address, std::string_view detail) {
  record_audit(store_, clock_.now(), site_id, {actor_id, std::string(actor), std::string(address)}, action, target, detail);
}

Dashboard Newsroom::dashboard(const SignedIn& who, int n) {
  Id site = who.user.site_id;
  Dashboard d;
  d.my_drafts = need(store_.newsroom_list({site, ArticleStatus::draft, who.user.id, -1, n}));
  d.waiting = need(store_.newsroom_list({site, ArticleStatus::pending, 0, -1, n}));
  d.scheduled = need(store_.newsroom_list({site, ArticleStatus::published, 0, clock_.now(), n}));
  d.published = need(store_.published({.site_id = site, .now = clock_.now(), .limit = n, .with_total = false})).items;
  return d;
}

namespace {
Status forbidden() { return Status::error(Code::forbidden, "tài khoản không có quyền thực hiện thao tác này"); }
Status wrong_state(const char* what) { return Status::error(Code::invalid, what); }
}  // namespace

bool Newsroom::may_edit(const SignedIn& who, const Article& a) {
  if (!who.may(Action::write_article) || a.status == ArticleStatus::taken_down) return false;
  if (who.may(Action::publish_article)) return true;
  return a.status == ArticleStatus::draft && a.created_by == who.user.id;
}

Result<Article> Newsroom::load(const SignedIn& who, Id id, Action needed) {
  if (!who.may(needed)) return forbidden();
  return store_.article(who.user.site_id, id);
}

Result<Article> Newsroom::article(const SignedIn& who, Id id) { return load(who, id, Action::view_newsroom); }

Result<Article> Newsroom::save(const SignedIn& who, ArticleDraft d, std::string_view address) {
  if (!who.may(Action::write_article)) return forbidden();
  Id site = who.user.site_id;
  Article a;
  if (d.id) {
    auto cur = store_.article(site, d.id);
    if (!cur) return cur.status();
    if (!may_edit(who, *cur)) return forbidden();
    a = *cur;
  }
  if (d.title.empty() || d.title.size() > 400) return Status::error(Code::invalid, "tiêu đề cần có và không quá 400 byte");
  if (d.lead.size() > 4000) return Status::error(Code::invalid, "sapo quá dài");
  auto cats = store_.categories(site);
  if (!cats) return cats.status();
  bool category_ok = false;
  for (const auto& c : *cats) category_ok |= c.id == d.category_id && c.link.empty();
  if (!category_ok) return Status::error(Code::invalid, "chuyên mục không hợp lệ (mục liên kết không chứa bài viết)");
  a.site_id = site;
  a.category_id = d.category_id;
  a.title = std::move(d.title);
  a.lead = std::move(d.lead);
  auto body = text::sanitize_html(d.body_html);
  if (!body) return Status::error(Code::invalid, "phần nội dung: " + body.status().message());
  a.body_html = std::move(*body);
  a.source = std::move(d.source);
  a.author = std::move(d.author);
  if (d.cover_media_id) {
    if (*d.cover_media_id && !store_.media(site, *d.cover_media_id))
      return Status::error(Code::invalid, "ảnh đại diện không hợp lệ");
    a.cover_media_id = *d.cover_media_id;
  }
  if (d.cover_caption) a.cover_caption = std::move(*d.cover_caption);
  if (d.related) {
    std::string ids;
    std::string_view rest = *d.related;
    while (!rest.empty()) {
      auto comma = rest.find(',');
      std::string_view tok = rest.substr(0, comma);
      rest = comma == std::string_view::npos ? std::string_view() : rest.substr(comma + 1);
      while (!tok.empty() && tok.front() == ' ') tok.remove_prefix(1);
      while (!tok.empty() && tok.back() == ' ') tok.remove_suffix(1);
      if (tok.empty()) continue;
      Id rid = 0;
      bool digits = tok.size() <= 12 && tok.find_first_not_of("0123456789") == std::string_view::npos;
      if (digits)
        for (char c : tok) rid = rid * 10 + (c - '0');
      if (!digits || rid == 0 || rid == a.id || !store_.article(site, rid))
        return Status::error(Code::invalid, "tin liên quan không hợp lệ: " + std::string(tok));
      ids += (ids.empty() ? "" : ",") + std::to_string(rid);
    }
    a.related_override = ids;
  }
  if (d.genre) {
    auto list = genres(site);
    if (!list) return list.status();
    bool known = d.genre->empty();
    for (const auto& g : *list) known |= g.code == *d.genre;
    if (!known) return Status::error(Code::invalid, "thể loại không hợp lệ");
    a.genre = std::move(*d.genre);
  }
  if (who.may(Action::publish_article)) a.is_featured = d.featured;
  auto saved = store_.save_article(a, d.version, who.user.id, clock_.now());
  if (!saved) return saved;
  record(site, who.user.id, who.user.name, d.id ? "article_save" : "article_create", saved->title, address,
         "phiên bản " + std::to_string(saved->version));
  if (saved->status == ArticleStatus::published) changed(site);
  return saved;
}

namespace {
// Images without alt text stop an article from going further; the other findings are advice.
Status accessible(const Article& a) {
  for (const auto& issue : text::check_accessibility(a.body_html))
    if (issue.blocking) return Status::error(Code::invalid, "chưa đạt kiểm tra tiếp cận: " + issue.message);
  return Status::ok();
}
}  // namespace

Result<Article> Newsroom::submit(const SignedIn& who, Id id, int version, std::string_view address) {
  auto a = load(who, id, Action::submit_article);
  if (!a) return a;
  if (a->status != ArticleStatus::draft) return wrong_state("chỉ gửi duyệt được bài nháp");
  if (auto st = accessible(*a); !st) return st;
  if (!who.may(Action::publish_article) && a->created_by != who.user.id) return forbidden();
  auto r = store_.transition(a->site_id, id, version, ArticleStatus::pending, a->published_at, "", clock_.now());
  if (r) record(a->site_id, who.user.id, who.user.name, "article_submit", a->title, address);
  return r;
}

Result<Article> Newsroom::publish(const SignedIn& who, Id id, int version, std::int64_t at, std::string_view address) {
  auto a = load(who, id, Action::publish_article);
  if (!a) return a;
  if (a->status != ArticleStatus::pending && a->status != ArticleStatus::draft)
    return wrong_state("chỉ xuất bản được bài nháp hoặc bài chờ duyệt");
  if (auto st = accessible(*a); !st) return st;
  std::int64_t now = clock_.now();
  std::int64_t when = at > 0 ? at : now;
  auto r = store_.transition(a->site_id, id, version, ArticleStatus::published, when, "", now);
  if (!r) return r;
  record(a->site_id, who.user.id, who.user.name, when > now ? "article_schedule" : "article_publish", a->title, address,
         when > now ? "lúc " + std::to_string(when) : "");
  changed(a->site_id);
  return r;
}

Result<Article> Newsroom::send_back(const SignedIn& who, Id id, int version, std::string comment,
                                    std::string_view address) {
  auto a = load(who, id, Action::return_article);
  if (!a) return a;
  if (a->status != ArticleStatus::pending) return wrong_state("chỉ trả lại được bài đang chờ duyệt");
  if (comment.empty()) return Status::error(Code::invalid, "cần ghi lý do trả lại");
  auto r = store_.transition(a->site_id, id, version, ArticleStatus::draft, a->published_at, comment, clock_.now());
  if (r) record(a->site_id, who.user.id, who.user.name, "article_return", a->title, address, comment);
  return r;
}

Result<Article> Newsroom::take_down(const SignedIn& who, Id id, int version, std::string reason,
                                    std::string_view address) {
  auto a = load(who, id, Action::take_down_article);
  if (!a) return a;
  if (a->status != ArticleStatus::published) return wrong_state("chỉ gỡ được bài đã xuất bản");
  if (reason.empty()) return Status::error(Code::invalid, "cần ghi lý do gỡ bài");
  auto r = store_.transition(a->site_id, id, version, ArticleStatus::taken_down, a->published_at, reason, clock_.now());
  if (!r) return r;
  record(a->site_id, who.user.id, who.user.name, "article_take_down", a->title, address, reason);
  changed(a->site_id);
  return r;
}

Result<Article> Newsroom::restore(const SignedIn& who, Id id, int version, int revision, std::string_view address) {
  auto a = load(who, id, Action::write_article);
  if (!a) return a;
  auto revs = store_.revisions(a->site_id, id);
  if (!revs) return revs.status();
  for (const auto& rev : *revs) {
    if (rev.version != revision) continue;
    ArticleDraft d{id, version, rev.category_id, rev.title, rev.lead, rev.body_html, rev.source, rev.author,
                   a->is_featured};
    auto r = save(who, std::move(d), address);
    if (r) record(a->site_id, who.user.id, who.user.name, "article_restore", a->title, address,
                  "từ phiên bản " + std::to_string(revision));
    return r;
  }
  return Status::error(Code::not_found, "không có phiên bản này");
}

std::optional<WorkflowStep::Kind> workflow_step_named(std::string_view name, bool api) {
  using K = WorkflowStep::Kind;
  static constexpr struct {
    K kind;
    std::string_view page, api;
  } kSteps[] = {{K::submit, "gui-duyet", "submit"},
                {K::publish, "xuat-ban", "publish"},
                {K::send_back, "tra-lai", "return"},
                {K::take_down, "go-bai", "take-down"},
                {K::restore, "khoi-phuc", ""}};
  for (const auto& s : kSteps)
    if (!name.empty() && name == (api ? s.api : s.page)) return s.kind;
  return std::nullopt;
}

Result<Article> Newsroom::advance(const SignedIn& who, Id id, const WorkflowStep& step, std::string_view address) {
  switch (step.kind) {
    case WorkflowStep::Kind::submit: return submit(who, id, step.version, address);
    case WorkflowStep::Kind::publish: return publish(who, id, step.version, step.publish_at, address);
    case WorkflowStep::Kind::send_back: return send_back(who, id, step.version, step.reason, address);
    case WorkflowStep::Kind::take_down: return take_down(who, id, step.version, step.reason, address);
    case WorkflowStep::Kind::restore: return restore(who, id, step.version, step.revision, address);
  }
  return Status::error(Code::not_found, "");
}

Result<std::vector<Genre>> Newsroom::genres(Id site_id) {
  auto g = store_.genres(site_id);
  if (!g || !g->empty()) return g;
  auto base = store_.royalty_base(site_id);
  if (!base) return base.status();
  auto defaults = default_genres();
  if (!store_.save_genres(site_id, defaults, *base)) return defaults;  // shown, saved next time
  return store_.genres(site_id);
}

Result<RoyaltyReport> Newsroom::royalties(const SignedIn& who, std::string_view month) {
  if (!who.may(Action::view_royalties)) return forbidden();
  auto range = month_range(month);
  if (!range) return Status::error(Code::invalid, "tháng có dạng YYYY-MM");
  Id site = who.user.site_id;
  auto items = store_.royalty_items(site, range->first, range->second);
  if (!items) return items.status();
  auto list = genres(site);
  if (!list) return list.status();
  auto base = store_.royalty_base(site);
  if (!base) return base.status();
  return compute_royalties(std::string(month), *items, *list, *base);
}

Status Newsroom::set_royalty_rates(const SignedIn& who, std::vector<Genre> list, std::int64_t base,
                                   std::string_view address) {
  if (!who.may(Action::manage_royalties)) return forbidden();
  if (base < 0 || base > 100'000'000) return Status::error(Code::invalid, "mức cơ sở không hợp lệ");
  for (const auto& g : list)
    if (g.coefficient < 0 || g.coefficient > 100) return Status::error(Code::invalid, "hệ số phải từ 0 đến 100");
  if (auto st = store_.save_genres(who.user.site_id, list, base); !st) return st;
  record(who.user.site_id, who.user.id, who.user.name, "royalty_rates", "", address, "mức cơ sở " + std::to_string(base));
  return Status::ok();
}

Result<Media> Newsroom::upload(const SignedIn& who, std::string_view bytes, std::string alt, std::string_view address) {
  if (!who.may(Action::write_article)) return forbidden();
  if (alt.empty() || alt.size() > 500)
    return Status::error(Code::invalid, "cần mô tả (văn bản thay thế của ảnh, hoặc tên tài liệu)");
  media::Upload written(files_);  // removed again unless the row is stored
  Media m{0, who.user.site_id, "", "", 0, 0, alt, static_cast<std::int64_t>(bytes.size()), ""};
  if (auto doc = media::sniff_document(bytes)) {
    auto name = written.write("tai-lieu", doc->extension, bytes);
    if (!name) return name.status();
    m.file_name = *name;
    m.mime = http::content_type_for(m.file_name);
  } else if (media::sniff_image(bytes)) {
    auto img = media::make_renditions(bytes, written, media::FileStore::new_name("anh"));
    if (!img) return img.status();
    m.file_name = img->renditions.back().file_name;
    m.mime = "image/webp";
    m.width = img->width;
    m.height = img->height;
    m.bytes = 0;
    for (const auto& r : img->renditions) m.bytes += r.size;
    m.renditions = media::join_widths(img->renditions);
  } else {
    return Status::error(Code::unsupported, "chỉ nhận ảnh JPEG, PNG, WebP hoặc tài liệu PDF, Word, Excel, PowerPoint, OpenDocument");
  }
  m.created_at = clock_.now();
  auto id = store_.create_media(m);
  if (!id) return id.status();
  written.keep();
  m.id = *id;
  record(who.user.site_id, who.user.id, who.user.name, "media_upload", m.file_name, address, alt);
  return m;
}

namespace {

Status check_category(const Newsroom::CategoryInput& in) {
  if (in.name.empty() || in.name.size() > 200) return Status::error(Code::invalid, "tên chuyên mục cần có và không quá 200 byte");
  if (!in.link.empty() && !text::is_link_address(in.link, true))
    return Status::error(Code::invalid,
                         "liên kết phải là một đường dẫn trong cổng (bắt đầu bằng /) hoặc một địa chỉ http:// hay "
                         "https://, không có dấu cách");
  return Status::ok();
}

}  // namespace

Result<Id> Newsroom::add_category(const SignedIn& who, CategoryInput in, std::string_view address) {
  if (!who.may(Action::manage_categories)) return forbidden();
  if (auto st = check_category(in); !st) return st;
  Id site = who.user.site_id;
  auto cats = store_.categories(site);
  if (!cats) return cats.status();
  int position = 0;
  bool parent_ok = in.parent_id == 0;
  for (const auto& c : *cats) {
    if (c.parent_id == in.parent_id) position = std::max(position, c.position);
    parent_ok |= c.id == in.parent_id;
  }
  if (!parent_ok) return Status::error(Code::invalid, "chuyên mục cha không hợp lệ");
  auto id = store_.create_category({0, site, in.parent_id, in.name, "", position + 1, "", in.hidden, in.link});
  if (id) {
    record(site, who.user.id, who.user.name, "category_add", in.name, address, in.link);
    changed(site);
  }
  return id;
}

Status Newsroom::update_category(const SignedIn& who, Id id, CategoryInput in, std::string_view address) {
  if (!who.may(Action::manage_categories)) return forbidden();
  if (auto st = check_category(in); !st) return st;
  Id site = who.user.site_id;
  auto cats = store_.categories(site);
  if (!cats) return cats.status();
  auto find = [&](Id x) -> const Category* {
    for (const auto& c : *cats)
      if (c.id == x) return &c;
    return nullptr;
  };
  const Category* cur = find(id);
  if (!cur) return Status::error(Code::not_found, "không có chuyên mục này");
  if (in.parent_id && !find(in.parent_id)) return Status::error(Code::invalid, "chuyên mục cha không hợp lệ");
  for (Id p = in.parent_id; p; p = find(p) ? find(p)->parent_id : 0)
    if (p == id) return Status::error(Code::invalid, "chuyên mục không thể nằm trong chính nó");
  if (!in.link.empty() && cur->link.empty()) {
    auto n = store_.article_count(site, id);
    if (!n) return n.status();
    if (*n > 0)
      return Status::error(Code::invalid, "chuyên mục đang có " + std::to_string(*n) +
                                              " bài viết; hãy chuyển các bài sang chuyên mục khác trước khi đặt liên kết");
  }
  Category c = *cur;
  bool moved = c.parent_id != in.parent_id;
  c.name = std::move(in.name);
  c.parent_id = in.parent_id;
  c.hidden = in.hidden;
  c.link = std::move(in.link);
  if (moved) {  // last among its new siblings
    c.position = 0;
    for (const auto& x : *cats)
      if (x.parent_id == in.parent_id) c.position = std::max(c.position, x.position + 1);
  }
  if (auto st = store_.update_category(c); !st) return st;
  std::string detail = c.hidden ? "ẩn" : "";
  if (!c.link.empty()) detail += (detail.empty() ? "" : "; ") + c.link;
  record(site, who.user.id, who.user.name, "category_update", c.name, address, detail);
  changed(site);
  return Status::ok();
}

Status Newsroom::move_category(const SignedIn& who, Id id, int direction, std::string_view address) {
  if (!who.may(Action::manage_categories)) return forbidden();
  Id site = who.user.site_id;
  auto cats = store_.categories(site);
  if (!cats) return cats.status();
  const Category* cur = nullptr;
  for (const auto& c : *cats)
    if (c.id == id) cur = &c;
  if (!cur) return Status::error(Code::not_found, "không có chuyên mục này");
  std::vector<Category> siblings;  // in menu order (the store sorts by parent, position)
  for (const auto& c : *cats)
    if (c.parent_id == cur->parent_id) siblings.push_back(c);
  std::size_t i = 0;
  while (siblings[i].id != id) ++i;
  std::size_t j = direction < 0 ? i - 1 : i + 1;
  if ((direction < 0 && i == 0) || j >= siblings.size()) return Status::ok();  // already at the end
  std::swap(siblings[i], siblings[j]);
  for (std::size_t k = 0; k < siblings.size(); ++k) {  // renumber 1..n
    if (siblings[k].position == static_cast<int>(k) + 1) continue;
    siblings[k].position = static_cast<int>(k) + 1;
    if (auto st = store_.update_category(siblings[k]); !st) return st;
  }
  record(site, who.user.id, who.user.name, "category_move", cur->name, address, direction < 0 ? "lên" : "xuống");
  changed(site);
  return Status::ok();
}

namespace {
std::string preview_message(Id site, std::string_view id, std::string_view expires) {
  return "preview:" + std::to_string(site) + ":" + std::string(id) + ":" + std::string(expires);
}
}  // namespace

Result<std::string> Newsroom::preview_link(const SignedIn& who, Id id, std::int64_t valid_for) {
  auto a = load(who, id, Action::view_newsroom);
  if (!a) return a.status();
  std::string expires = std::to_string(clock_.now() + valid_for);
  std::string sid = std::to_string(id);
  return "/xem-truoc/" + sid + "?het-han=" + expires + "&chu-ky=" + sign(signing_key_, preview_message(a->site_id, sid, expires));
}

Result<Article> Newsroom::open_preview(Id site_id, std::string_view id, std::string_view expires,
                                       std::string_view signature) {
  auto bad = Status::error(Code::forbidden, "liên kết xem trước không hợp lệ hoặc đã hết hạn");
  if (!verify_signature(signing_key_, preview_message(site_id, id, expires), signature)) return bad;
  std::int64_t exp = 0;
  for (char c : expires) {
    if (c < '0' || c > '9' || exp > 1'000'000'000'000) return bad;
    exp = exp * 10 + (c - '0');
  }
  if (exp <= clock_.now()) return bad;
  Id n = 0;
  for (char c : id) {
    if (c < '0' || c > '9' || n > 1'000'000'000'000) return bad;
    n = n * 10 + (c - '0');
  }
  auto a = store_.article(site_id, n);
  if (!a || a->status == ArticleStatus::taken_down) return Status::error(Code::not_found, "không có bài viết này");
  return a;
}

void Newsroom::tick() {
  std::int64_t now = clock_.now();
  // A scheduled time in (seen, now] has come: that site's pages change.
  auto sites = store_.sites();
  if (!sites) return;  // the next tick looks again: scheduler_seen_ stays
  for (const auto& site : *sites) {
    auto due = store_.next_scheduled(site.id, scheduler_seen_);
    if (!due) return;  // the next tick looks again
    if (*due != 0 && *due <= now) changed(site.id);
  }
  scheduler_seen_ = now;
}

}  // namespace portico::newsroom
