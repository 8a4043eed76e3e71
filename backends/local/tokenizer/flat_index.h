// FlatIndex: an open-addressing hash table (linear probing) from keys to int32 values, built once
// and then only read. Several times faster to build and probe than std::unordered_map for the
// 100k-300k entry vocabularies and merge tables. Keys must stay valid while the index is used
// (string_view keys point into storage the owner keeps). Not thread-safe while inserting;
// concurrent finds are safe.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <vector>

namespace ys::engine {

template <typename Key, typename Hash = std::hash<Key>>
class FlatIndex {
 public:
  // Sizes the table for n keys; must be called before the first insert.
  void reserve(size_t n) {
    size_t cap = 16;
    while (cap < 2 * n) cap *= 2;
    keys_.assign(cap, Key{});
    values_.assign(cap, kEmpty);
    mask_ = cap - 1;
  }

  // Inserts or, when the key is present, keeps the old value (first_wins) or replaces it.
  void insert(const Key& key, int32_t value, bool first_wins) {
    size_t i = Hash{}(key)&mask_;
    while (values_[i] != kEmpty) {
      if (keys_[i] == key) {
        if (!first_wins) values_[i] = value;
        return;
      }
      i = (i + 1) & mask_;
    }
    keys_[i] = key;
    values_[i] = value;
  }

  int32_t find(const Key& key) const {  // -1 if absent
    if (values_.empty()) return -1;
    size_t i = Hash{}(key)&mask_;
    while (values_[i] != kEmpty) {
      if (keys_[i] == key) return values_[i];
      i = (i + 1) & mask_;
    }
    return -1;
  }

 private:
  static constexpr int32_t kEmpty = -1;
  std::vector<Key> keys_;
  std::vector<int32_t> values_;
  size_t mask_ = 0;
};

// Mixes a 64-bit key (two token ids) so that linear probing spreads well.
struct PairHash {
  size_t operator()(uint64_t x) const {
    x ^= x >> 33;  // MurmurHash3's 64-bit finalizer
    x *= 0xff51afd7ed558ccdULL;
    x ^= x >> 33;
    x *= 0xc4ceb9fe1a85ec53ULL;
    x ^= x >> 33;
    return static_cast<size_t>(x);
  }
};

}  // namespace ys::engine
