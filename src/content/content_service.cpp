// Content rules: publication, paging, related articles.
#include "content/content_service.h"

#include <algorithm>
#include <unordered_set>

#include "text/unicode.h"

namespace portico::content {

std::optional<std::int64_t> parse_positive(std::string_view s, std::int64_t max) {
  if (s.empty() || s.size() > 18) return std::nullopt;
  std::int64_t v = 0;
  for (char c : s) {
    if (c < '0' || c > '9') return std::nullopt;
    v = v * 10 + (c - '0');
  }
  if (v < 1 || v > max) return std::nullopt;
  return v;
}

const Category* SiteContent::find(Id id) const {
  for (const auto& c : categories)
    if (c.id == id) return &c;
  return nullptr;
}

const Category* SiteContent::find(std::string_view slug) const {
  for (const auto& c : categories)
    if (c.slug == slug) return &c;
  return nullptr;
}

std::vector<CategoryNode> category_tree(const std::vector<Category>& all, bool with_hidden) {
  std::vector<CategoryNode> out;
  // Depth-limited, so that a cycle made behind the newsroom's back cannot loop.
  auto walk = [&](auto& self, Id parent, int depth) -> void {
    for (const auto& c : all)
      if (c.parent_id == parent && (with_hidden || !c.hidden)) {
        out.push_back({&c, depth});
        if (depth < 8) self(self, c.id, depth + 1);
      }
  };
  walk(walk, 0, 0);
  return out;
}

std::vector<const Category*> SiteContent::top_level() const { return children(0); }

std::vector<const Category*> SiteContent::children(Id parent) const {
  std::vector<const Category*> out;
  for (const auto& c : categories)
    if (c.parent_id == parent && !c.hidden) out.push_back(&c);
  return out;
}

std::vector<CategoryNode> SiteContent::news() const {
  auto out = category_tree(categories);
  std::erase_if(out, [](const CategoryNode& n) { return !n.category->link.empty(); });
  return out;
}

std::vector<Id> SiteContent::with_descendants(Id id) const {
  std::vector<Id> branch{id};
  for (std::size_t i = 0; i < branch.size() && branch.size() < categories.size(); ++i)
    for (const auto& c : categories)
      if (c.parent_id == branch[i]) branch.push_back(c.id);
  // Linked entries hold no articles: leaving them out keeps a lone category's query an
  // equality on the index.
  std::vector<Id> out{id};
  for (std::size_t i = 1; i < branch.size(); ++i)
    if (const Category* c = find(branch[i]); c && c->link.empty()) out.push_back(branch[i]);
  return out;
}

std::string site_origin(std::string_view base_url, const Site& s) {
  if (s.is_default) return std::string(base_url);
  auto scheme_end = base_url.find("://");
  std::string_view scheme = scheme_end == std::string_view::npos ? "http" : base_url.substr(0, scheme_end);
  std::string_view rest = scheme_end == std::string_view::npos ? base_url : base_url.substr(scheme_end + 3);
  rest = rest.substr(0, rest.find('/'));
  std::string_view port;
  if (auto colon = rest.rfind(':'); colon != std::string_view::npos && rest.find(']', colon) == std::string_view::npos)
    port = rest.substr(colon);
  std::string host = s.host, base = site_base(s.host);
  host.resize(host.size() - base.size());
  return std::string(scheme) + "://" + host + std::string(port) + base;
}

std::string site_base(std::string_view host) {
  auto slash = host.find('/');
  return slash == std::string_view::npos ? std::string() : std::string(host.substr(slash));
}

bool reserved_segment(std::string_view s) {
  static constexpr std::string_view kReserved[] = {
      "api", "bai-viet", "binh-chon", "chuyen-muc", "cong-thanh-phan", "du-lieu-mo", "en", "giao-dien", "gioi-thieu",
      "healthz", "hien-thi", "hoi-dap", "lay-y-kien", "lich-cong-tac", "lien-he", "lien-ket", "media", "metrics", "quan-tri", "readyz", "robots.txt",
      "so-do-cong", "static", "tim-kiem", "tin-chia-se", "thong-tin-tong-hop", "van-ban", "video", "xem-truoc"};
  for (auto r : kReserved)
    if (s == r) return true;
  return s.starts_with("sitemap") || s.starts_with("rss");  // sitemap.xml, sitemap-3.xml, rss.xml, rss-…
}

bool listed_before(const Site& a, const Site& b) {
  if (int k = text::vi_compare(a.kind, b.kind)) return k < 0;
  return text::vi_less(a.name, b.name);
}

std::vector<const SiteContent*> sub_portals(const std::vector<std::shared_ptr<const SiteContent>>& all, Id parent) {
  std::vector<const SiteContent*> out;
  for (const auto& s : all)
    if (s->site.parent_id == parent && parent && !s->site.disabled) out.push_back(s.get());
  std::sort(out.begin(), out.end(), [](const SiteContent* a, const SiteContent* b) { return listed_before(a->site, b->site); });
  return out;
}

std::vector<const SiteContent*> with_sub_portals(const std::vector<std::shared_ptr<const SiteContent>>& all,
                                                 const SiteContent& root) {
  std::vector<const SiteContent*> out{&root};
  for (std::size_t i = 0; i < out.size() && out.size() <= all.size(); ++i)
    for (const SiteContent* sub : sub_portals(all, out[i]->site.id)) out.push_back(sub);
  return out;
}

std::vector<Id> SearchScope::ids() const {
  std::vector<Id> out;
  if (family.size() > 1)
    for (const SiteContent* f : family)
      if (!only || f == only) out.push_back(f->site.id);
  return out;
}

const SiteContent& SearchScope::site_of(Id id) const {
  for (const SiteContent* f : family)
    if (f->site.id == id) return *f;
  return *family.front();
}

Result<SearchScope> ContentService::search_scope(const SiteContent& s, std::string_view chosen, bool own) {
  SearchScope scope;
  scope.all = sites();
  scope.family = own ? std::vector<const SiteContent*>{&s} : with_sub_portals(scope.all, s);
  if (!chosen.empty()) {
    for (const SiteContent* f : scope.family)
      if (f->site.slug == chosen) scope.only = f;
    if (!scope.only) return Status::error(Code::not_found, "không có cổng thành phần này");
  }
  return scope;
}

std::shared_ptr<const ContentService::Directory> ContentService::directory() {
  if (auto d = directory_.load(std::memory_order_acquire)) return d;
  std::lock_guard lock(mu_);
  if (auto d = directory_.load(std::memory_order_acquire)) return d;  // made while we waited
  auto d = std::make_shared<Directory>();
  // Read first: a change landing while the sites are read is seen again at the next refresh.
  auto generation = store_.sites_generation();
  d->generation = generation ? *generation : 0;
  auto sites = store_.sites();
  if (!sites) throw Unavailable("không đọc được danh sách trang: " + sites.status().message());
  for (auto& site : *sites) {
    auto sc = std::make_shared<SiteContent>();
    sc->categories = need(store_.categories(site.id));
    sc->site = std::move(site);
    sc->origin = site_origin(base_url_, sc->site);
    for (auto [id, slot] : {std::pair{sc->site.logo_media_id, &sc->logo}, std::pair{sc->site.banner_media_id, &sc->banner}})
      if (id)
        if (auto m = store_.media(sc->site.id, id)) *slot = std::move(*m);
    sc->base = site_base(sc->site.host);
    if (!sc->base.empty()) d->with_paths.insert(sc->site.host.substr(0, sc->site.host.size() - sc->base.size()));
    d->by_host.emplace(sc->site.host, sc);
    if (!d->fallback || (sc->site.is_default && !d->fallback->site.is_default)) d->fallback = sc;
    d->any_disabled |= sc->site.disabled;
    d->any_read_only |= sc->site.read_only;
    d->any_monitored |= !sc->site.monitor_script.empty();
    d->all.push_back(std::move(sc));
  }
  directory_.store(d, std::memory_order_release);
  return d;
}

std::uint64_t ContentService::next_instance() {
  static std::atomic<std::uint64_t> n{0};
  return ++n;
}

const ContentService::Directory& ContentService::thread_directory() {
  thread_local std::uint64_t owner = 0;  // a service's instance_, never reused (a service at a freed one's address is another)
  thread_local std::uint64_t seen = 0;
  thread_local std::shared_ptr<const Directory> held;
  // Read before the snapshot: a reload between the two is seen at the next request.
  std::uint64_t now = generation_.load(std::memory_order_acquire);
  if (owner != instance_ || seen != now || !held) {
    held = directory();
    owner = instance_;
    seen = now;
  }
  return *held;
}

std::string ContentService::Directory::host_of(std::string_view host) const {
  std::string key(host);
  // An unknown host is the default site's: its sub-portals under a path are there too.
  if (!by_host.count(key) && fallback) key = fallback->site.host;
  return key;
}

std::string ContentService::base_for(std::string_view host, std::string_view path) {
  const Directory& d = thread_directory();
  if (d.with_paths.empty() || path.size() < 2) return {};
  std::string key = d.host_of(host);
  if (!d.with_paths.count(key)) return {};
  std::string_view first = path.substr(0, path.find('/', 1));  // "/xa-hung-loi"
  key += first;
  auto it = d.by_host.find(key);
  return it == d.by_host.end() ? std::string() : std::string(first);
}

Result<std::shared_ptr<const SiteContent>> ContentService::site_for(std::string_view host, std::string_view base) {
  if (base.empty()) return site_for_host(host);
  return site_for_host(thread_directory().host_of(host) + std::string(base));
}

Result<std::shared_ptr<const SiteContent>> ContentService::site_for_host(std::string_view host) {
  const Directory& d = thread_directory();
  if (auto it = d.by_host.find(std::string(host)); it != d.by_host.end()) return it->second;
  if (d.fallback) return d.fallback;
  return Status::error(Code::not_found, "chưa có trang nào");
}

std::vector<std::shared_ptr<const SiteContent>> ContentService::sites() { return directory()->all; }

std::shared_ptr<const SiteContent> ContentService::site_by_id(Id id) {
  const auto& all = thread_directory().all;
  auto it = std::lower_bound(all.begin(), all.end(), id, [](const auto& s, Id x) { return s->site.id < x; });
  return it != all.end() && (*it)->site.id == id ? *it : nullptr;
}

bool ContentService::refresh() {
  auto now = store_.sites_generation();
  auto d = directory_.load(std::memory_order_acquire);
  if (!now || !d || *now == d->generation) return false;
  reload();
  return true;
}

void ContentService::reload() {
  {
    std::lock_guard lock(mu_);
    directory_.store(nullptr, std::memory_order_release);
  }
  ++generation_;
  std::lock_guard lock(candidates_mu_);
  candidates_.clear();
}

HomeContent ContentService::home(const SiteContent& s) {
  HomeContent h;
  ArticleQuery q{.site_id = s.site.id, .featured_only = true, .now = now(), .limit = 3, .with_total = false};
  h.featured = need(store_.published(q)).items;
  if (s.site.parent_id) h.shared = need(store_.shared_with(s.site.id, now(), 0, 4)).items;  // shared down only
  std::unordered_set<Id> shown;
  for (const auto& a : h.featured) shown.insert(a.id);
  // A section for each news category with articles of its own, in menu order.
  for (const auto& [c, depth] : s.news()) {
    ArticleQuery cq{.site_id = s.site.id, .categories = {c->id}, .now = now(), .limit = 5, .with_total = false};
    auto found = need(store_.published(cq)).items;
    if (found.empty()) continue;
    CategorySection sec{c, {}};
    for (auto& a : found)
      if (!shown.count(a.id) && sec.articles.size() < 4) sec.articles.push_back(std::move(a));
    h.sections.push_back(std::move(sec));
  }
  return h;
}

std::vector<ArticleSummary> ContentService::latest(const SiteContent& s, int n) {
  return need(store_.published({.site_id = s.site.id, .now = now(), .limit = n, .with_total = false})).items;
}

ArticleList ContentService::list(const SiteContent& s, Id category_id, std::int64_t page, int per_page) {
  ArticleQuery q{.site_id = s.site.id,
                 .categories = category_id ? s.with_descendants(category_id) : std::vector<Id>{},
                 .now = now(),
                 .offset = static_cast<int>(std::min<std::int64_t>((page - 1) * per_page, 1'000'000'000)),
                 .limit = per_page};
  return need(store_.published(q));
}

Result<CategoryListing> ContentService::category(const SiteContent& s, std::string_view slug, std::int64_t page) {
  const Category* c = s.find(slug);
  if (!c) return Status::error(Code::not_found, "không có chuyên mục này");
  CategoryListing out;
  out.category = c;
  for (const auto& x : s.categories)
    if (x.parent_id == c->id && !x.hidden) out.children.push_back(&x);
  out.list = list(s, c->id, page);
  out.page = page;
  out.pages = std::max<std::int64_t>(1, (out.list.total + kPageSize - 1) / kPageSize);
  if (page > out.pages) return Status::error(Code::not_found, "trang này không có trong chuyên mục");
  return out;
}

Result<Article> ContentService::check_public(Result<Article> r) {
  if (!r) return r;
  if (r->status == ArticleStatus::taken_down) return Status::error(Code::gone, "bài viết đã được gỡ bỏ");
  if (r->status != ArticleStatus::published || r->published_at > now())
    return Status::error(Code::not_found, "không có bài viết này");
  return r;
}

Result<Article> ContentService::article(const SiteContent& s, std::string_view slug) {
  return check_public(store_.article_by_slug(s.site.id, slug));
}

Result<ArticleList> ContentService::shared(const SiteContent& s, std::int64_t page, int per_page) {
  // Callers take an error for a missing page: a failed read is a 503.
  auto list = need(store_.shared_with(s.site.id, now(),
                                      static_cast<int>(std::min<std::int64_t>((page - 1) * per_page, 1'000'000'000)), per_page));
  if (page > 1 && list.items.empty()) return Status::error(Code::not_found, "trang này không có");
  return list;
}

Result<SharedArticle> ContentService::shared_article(const SiteContent& s, std::string_view slug) {
  auto a = check_public(store_.shared_article(s.site.id, slug));
  if (!a) return a.status();
  auto origin = site_by_id(a->site_id);
  if (!origin || origin->site.disabled) return Status::error(Code::not_found, "không có bài viết này");
  return SharedArticle{std::move(*a), std::move(origin)};
}

Result<Article> ContentService::article_by_id(const SiteContent& s, Id id) {
  return check_public(store_.article(s.site.id, id));
}

namespace {
// Syllables too common in Vietnamese headlines to say two articles are related.
const std::unordered_set<std::string>& stop_words() {
  static const std::unordered_set<std::string> s = {
      "cua", "va", "cac", "trong", "duoc", "cho", "voi", "mot", "nhung", "la", "tai", "tu", "den",
      "ve", "co", "khong", "nay", "de", "theo", "nam", "ngay", "thang", "tren", "sau", "khi", "da", "se"};
  return s;
}

// The title's key words as sorted, distinct hashes: scoring a candidate is a merge.
std::vector<std::uint64_t> key_words(std::string_view title) {
  std::vector<std::uint64_t> out;
  for (auto& w : text::words(title, 2))
    if (!stop_words().count(w)) out.push_back(std::hash<std::string>{}(w));
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

int shared_words(const std::vector<std::uint64_t>& a, const std::vector<std::uint64_t>& b) {
  int n = 0;
  for (std::size_t i = 0, j = 0; i < a.size() && j < b.size();) {
    if (a[i] < b[j]) ++i;
    else if (b[j] < a[i]) ++j;
    else ++n, ++i, ++j;
  }
  return n;
}

}  // namespace

std::shared_ptr<const ContentService::Candidates> ContentService::candidates(Id site_id, Id category_id, bool same) {
  std::string key = std::to_string(site_id) + (same ? "=" : "!") + std::to_string(category_id);
  std::int64_t t = now();
  std::uint64_t generation = generation_;
  {
    std::lock_guard lock(candidates_mu_);
    if (auto it = candidates_.find(key);
        it != candidates_.end() && it->second->made_at == t && it->second->generation == generation)
      return it->second;
  }
  auto c = std::make_shared<Candidates>();
  c->made_at = t;
  c->generation = generation;
  ArticleQuery q{.site_id = site_id, .now = t, .limit = same ? 30 : 200, .with_total = false};
  if (same) q.categories = {category_id};
  else q.exclude_category = category_id;
  c->items = need(store_.published(q)).items;
  c->words.reserve(c->items.size());
  for (const auto& x : c->items) c->words.push_back(key_words(x.title));
  std::lock_guard lock(candidates_mu_);
  if (candidates_.size() > 4096) candidates_.clear();  // bounded: two per category
  candidates_[key] = c;
  return c;
}

std::vector<ArticleSummary> ContentService::related(const Article& a, std::size_t n) {
  auto words = key_words(a.title);
  std::vector<ArticleSummary> out;
  auto already = [&](Id id) {
    for (const auto& x : out)
      if (x.id == id) return true;
    return false;
  };
  auto take = [&](const Candidates& c, bool need_shared) {
    std::vector<std::pair<int, std::size_t>> scored;  // score, index
    for (std::size_t i = 0; i < c.items.size(); ++i) {
      if (c.items[i].id == a.id || already(c.items[i].id)) continue;
      int sc = shared_words(words, c.words[i]);
      if (need_shared && sc == 0) continue;
      scored.emplace_back(sc, i);
    }
    std::stable_sort(scored.begin(), scored.end(), [](const auto& x, const auto& y) { return x.first > y.first; });
    for (const auto& [sc, i] : scored) {
      if (out.size() >= n) break;
      out.push_back(c.items[i]);
    }
  };
  // The editor's own choice comes first, as long as each is still published.
  std::string_view chosen = a.related_override;
  while (!chosen.empty() && out.size() < n) {
    auto comma = chosen.find(',');
    auto id = parse_positive(chosen.substr(0, comma), 1'000'000'000'000);
    chosen = comma == std::string_view::npos ? std::string_view() : chosen.substr(comma + 1);
    if (!id || *id == a.id) continue;
    auto r = store_.article(a.site_id, *id);
    if (r && r->status == ArticleStatus::published && r->published_at <= now())
      out.push_back({r->id, r->category_id, r->title, r->slug, r->lead, r->cover_media_id, r->published_at, r->updated_at});
  }
  take(*candidates(a.site_id, a.category_id, true), false);
  if (out.size() < n && !words.empty()) take(*candidates(a.site_id, a.category_id, false), true);
  return out;
}

Result<SearchResults> ContentService::search(const SiteContent& s, const TextQuery& text, Id category_id,
                                             std::int64_t from, std::int64_t to, bool newest_first, std::int64_t page,
                                             std::vector<Id> sites, bool with_shared) {
  SearchQuery q;
  q.site_id = s.site.id;
  q.sites = std::move(sites);
  if (with_shared && s.site.parent_id) q.shared_to = s.site.id;  // news is shared down: a root site has none
  q.text = text;
  if (category_id) q.categories = s.with_descendants(category_id);
  q.from = from;
  q.to = to;
  q.now = clock_.now();
  q.newest_first = newest_first;
  q.limit = kPageSize;
  q.offset = static_cast<int>(std::min<std::int64_t>((page - 1) * kPageSize, 1'000'000'000));
  return store_.search(q);
}

}  // namespace portico::content
