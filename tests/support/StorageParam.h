#pragma once

#include "TestPostgres.h"

#include <gtest/gtest.h>

#include <string>

namespace outpost::test {

// A server-side test runs on both storages:
//   INSTANTIATE_TEST_SUITE_P(Storage, Suite, bothBackends(), backendTestName);  ->  Suite.Test/sqlite, …/postgres
inline auto bothBackends()
{
    return ::testing::Values(StorageBackend::Sqlite, StorageBackend::Postgres);
}

inline std::string backendTestName(const ::testing::TestParamInfo<StorageBackend>& param)
{
    return backendName(param.param);
}

} // namespace outpost::test
