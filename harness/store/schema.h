// The store's schema, as an ordered list of migrations: migration i brings a database from schema
// version i to i+1. docs/schema.md describes the current version and must change with this file.
#pragma once

#include <string>
#include <vector>

namespace ys {

const std::vector<std::string>& schema_migrations();

}  // namespace ys
