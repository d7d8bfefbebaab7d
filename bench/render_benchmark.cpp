// Google Benchmark of the hot pure functions: slugs, folding, sanitising, compression,
// template rendering.
#include <benchmark/benchmark.h>

#include "http/compress.h"
#include "render/templates.h"
#include "text/html.h"
#include "text/unicode.h"
#include "widgets/visits.h"
#include "widgets/widgets.h"

#include <filesystem>

using namespace portico;

static void BM_Slugify(benchmark::State& state) {
  for (auto _ : state) benchmark::DoNotOptimize(text::slugify("Gỡ khó phát triển đảng viên ở các xã vùng cao"));
}
BENCHMARK(BM_Slugify);

static void BM_Fold(benchmark::State& state) {
  for (auto _ : state) benchmark::DoNotOptimize(text::fold("Đảng bộ huyện Yên Sơn kết nạp đảng viên mới"));
}
BENCHMARK(BM_Fold);

static std::string sample_body() {
  std::string s;
  for (int i = 0; i < 20; ++i)
    s += "<p class=MsoNormal><span style='font-size:13pt'>Phát triển đảng viên là một trong những nhiệm vụ quan "
         "trọng của công tác xây dựng Đảng.<o:p></o:p></span></p>";
  return s;
}

static void BM_Sanitize(benchmark::State& state) {
  std::string body = sample_body();
  for (auto _ : state) benchmark::DoNotOptimize(text::sanitize_html(body));
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * body.size()));
}
BENCHMARK(BM_Sanitize);

static void BM_Gzip(benchmark::State& state) {
  std::string body = sample_body();
  for (auto _ : state) benchmark::DoNotOptimize(http::gzip_compress(body, static_cast<int>(state.range(0))));
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * body.size()));
}
BENCHMARK(BM_Gzip)->Arg(1)->Arg(4)->Arg(9);  // 1: a first draw; 4: a page read again; 9: an asset

static void BM_Brotli(benchmark::State& state) {
  std::string body = sample_body();
  for (auto _ : state) benchmark::DoNotOptimize(http::brotli_compress(body, static_cast<int>(state.range(0))));
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * body.size()));
}
BENCHMARK(BM_Brotli)->Arg(0)->Arg(2)->Arg(11);  // 0: a first draw; 2: a page read again; 11: an asset

// What every counted page view costs: the bot check, the visitor hash, the counter.
static void BM_IsBot(benchmark::State& state) {
  std::string ua = "Mozilla/5.0 (Linux; Android 14; SM-A546E) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Mobile Safari/537.36";
  for (auto _ : state) benchmark::DoNotOptimize(portico::widgets::is_bot(ua));
}
BENCHMARK(BM_IsBot);

static void BM_VisitorHash(benchmark::State& state) {
  portico::http::Request r;
  r.remote = "113.161.52.7";
  r.headers = {{"user-agent", "Mozilla/5.0 (Linux; Android 14) Chrome/131.0 Mobile Safari/537.36"}, {"cookie", "hien-thi=s2c0"}};
  for (auto _ : state) benchmark::DoNotOptimize(portico::widgets::visitor_hash(r));
}
BENCHMARK(BM_VisitorHash);

static void BM_CountView(benchmark::State& state) {
  static auto dir = std::filesystem::temp_directory_path() / "portico-bench-visits";
  static std::unique_ptr<portico::Store> store;
  static portico::SystemClock clock;
  static std::unique_ptr<portico::widgets::VisitCounter> counter;
  if (state.thread_index() == 0 && !store) {
    std::filesystem::remove_all(dir);
    std::filesystem::create_directories(dir);
    store = std::move(*portico::open_sqlite_store({.path = (dir / "b.db").string()}));
    (void)store->create_site({.host = "a.vn", .name = "A", .is_default = true});
    counter = std::make_unique<portico::widgets::VisitCounter>(*store, clock);
  }
  std::uint64_t v = static_cast<std::uint64_t>(state.thread_index()) << 32;
  for (auto _ : state) counter->view(1, ++v);  // a new visitor every time: the shard lock is taken
}
BENCHMARK(BM_CountView)->Threads(1)->Threads(2);
// A page-sized output (~40 KB) from a short template: a list of cards, escaped text.
static void BM_RenderList(benchmark::State& state) {
  render::Templates t;
  if (!t.add("list", "<ul>\n{{#items}}<li><a href=\"{{url}}\">{{title}}</a> <time>{{date}}</time></li>\n{{/items}}</ul>\n"))
    state.SkipWithError("template");
  render::List items;
  for (int i = 0; i < 400; ++i) {
    render::Data item;
    item.set("url", "/bai-viet/tin-so-" + std::to_string(i));
    item.set("title", "Huyện Yên Sơn triển khai nhiệm vụ \"năm mới\" & số " + std::to_string(i));
    item.set("date", "Thứ Năm, 03/12/2026 08:15");
    items.push_back(std::move(item));
  }
  render::Data d;
  d.set("items", render::Data(std::move(items)));
  std::size_t bytes = 0;
  for (auto _ : state) {
    std::string out = t.render("list", d);
    bytes += out.size();
    benchmark::DoNotOptimize(out.data());
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(bytes));
}
BENCHMARK(BM_RenderList);

BENCHMARK_MAIN();
