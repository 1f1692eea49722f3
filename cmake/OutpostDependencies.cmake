# Third-party dependencies, found once for the whole tree.
find_package(Qt6 6.4 REQUIRED COMPONENTS Core Sql Network Widgets Charts PrintSupport Svg Test LinguistTools)
find_package(Qt6Keychain REQUIRED)
find_package(OpenSSL 3.0 REQUIRED)
find_package(PkgConfig REQUIRED)
pkg_check_modules(SQLCIPHER REQUIRED IMPORTED_TARGET sqlcipher>=3.4)

# SQLCipher is built against the SQLite 3.15 API; the headers live in include/sqlcipher.
# SQLITE_HAS_CODEC exposes sqlite3_key()/sqlite3_rekey() in the header.
target_compile_definitions(PkgConfig::SQLCIPHER INTERFACE SQLITE_HAS_CODEC)
add_library(Outpost::SqlCipher ALIAS PkgConfig::SQLCIPHER)

# libpq for our own PostgreSQL driver (core/storage/PgDriver; the server's PostgreSQL storage).
pkg_check_modules(LIBPQ REQUIRED IMPORTED_TARGET libpq)
add_library(Outpost::Libpq ALIAS PkgConfig::LIBPQ)

# The sync server: Boost.Beast/Asio (header-only here) and libcurl for provider calls. Found at the top
# level so the imported targets are visible to sync/ and tests/ alike.
find_package(Boost 1.74 REQUIRED)
find_package(CURL REQUIRED)
