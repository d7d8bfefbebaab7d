// Google Benchmark of the hot pure functions: slugs, folding, sanitising, compression.
#include <benchmark/benchmark.h>

#include "http/compress.h"
#include "text/html.h"
#include "text/unicode.h"

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
  for (auto _ : state) benchmark::DoNotOptimize(http::gzip_compress(body, 6));
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * body.size()));
}
BENCHMARK(BM_Gzip);

static void BM_Brotli(benchmark::State& state) {
  std::string body = sample_body();
  for (auto _ : state) benchmark::DoNotOptimize(http::brotli_compress(body, 5));
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * body.size()));
}
BENCHMARK(BM_Brotli);

BENCHMARK_MAIN();
