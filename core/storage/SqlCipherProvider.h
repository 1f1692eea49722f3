#pragma once

// A SQLCipher 3.4.x crypto provider over OpenSSL 3 that keeps its OpenSSL state between pages.
//
// SQLCipher 3.4.1's own OpenSSL provider builds a fresh EVP_CIPHER_CTX and HMAC_CTX for every page
// and passes the legacy EVP_aes_256_cbc()/EVP_sha1(), which OpenSSL 3 resolves with a provider fetch
// on every call. This provider runs exactly the same algorithms — AES-256-CBC without padding,
// HMAC-SHA1 page MACs, PBKDF2-HMAC-SHA1, RAND_bytes; key 32, IV 16, block 16, MAC 20 bytes — so
// files stay byte-compatible with stock SQLCipher 3.4.1, but it fetches the algorithms once per
// process and keeps, per SQLCipher cipher context, a keyed cipher context (re-initialised with just
// the page IV) and a keyed HMAC context (re-initialised without re-keying).
//
// Registration. SqlCipherDriver::open() calls ensureRegistered() before every sqlite3_open_v2. The
// first call checks that the runtime library reports `PRAGMA cipher_version` 3.4.x (the provider ABI
// below is that of 3.4.x; on any other version the stock provider is left alone and a warning is
// logged), pins SQLCipher's activation count (sqlcipher_activate() once, never deactivated: 3.4.1
// frees the registered provider when the last keyed connection closes and would then fall back to
// its OpenSSL provider), and registers this provider. `PRAGMA cipher_provider` then reports
// ProviderName instead of "openssl".
//
// Switching it off, e.g. to test compatibility with the stock provider:
//   - environment: OUTPOST_SQLCIPHER_PROVIDER=openssl, read once, at the first ensureRegistered();
//   - in-process:  SqlCipherProvider::setEnabled(false) registers SQLCipher's stock OpenSSL provider
//     again, setEnabled(true) ours. Connections keep the provider they were keyed with. Tests only:
//     SQLCipher 3.4.1 copies the global provider into a connection's read and write cipher contexts
//     one after the other, so switching while another thread is keying or attaching a database can
//     give that connection a mixed pair. Never call it while other threads open databases.

namespace outpost::sqlcipher34 {

// `sqlcipher_provider` of SQLCipher 3.4.x (src/sqlcipher.h of the 3.4.1 sources; the header is not
// installed by libsqlcipher-dev). Field order confirmed against the offsets sqlcipher_openssl_setup
// stores to in Debian's libsqlcipher.so.0 (3.4.1-2): 20 pointers, 0x00 activate .. 0x98 version.
// Notes on how 3.4.1 calls it:
//   - activate/deactivate are never called by SQLCipher itself;
//   - get_provider_name, fips_status and get_provider_version receive SQLCipher's cipher_ctx*, not
//     the provider context, so they must not dereference their argument;
//   - every cipher context (each connection has a read and a write one) gets its own ctx_init'ed
//     provider context; ctx_copy copies read -> write (and back on rekey); ctx_cmp returns non-zero
//     when the two are EQUAL;
//   - the return values of hmac and cipher are ignored by the page codec.
struct ProviderTable
{
    int (*activate)(void* ctx);
    int (*deactivate)(void* ctx);
    const char* (*get_provider_name)(void* ctx);
    int (*add_random)(void* ctx, void* buffer, int length);
    int (*random)(void* ctx, void* buffer, int length);
    int (*hmac)(void* ctx, unsigned char* hmac_key, int key_sz, unsigned char* in, int in_sz, unsigned char* in2,
                int in2_sz, unsigned char* out);
    int (*kdf)(void* ctx, const unsigned char* pass, int pass_sz, unsigned char* salt, int salt_sz, int workfactor,
               int key_sz, unsigned char* key);
    int (*cipher)(void* ctx, int mode, unsigned char* key, int key_sz, unsigned char* iv, unsigned char* in, int in_sz,
                  unsigned char* out);
    int (*set_cipher)(void* ctx, const char* cipher_name);
    const char* (*get_cipher)(void* ctx);
    int (*get_key_sz)(void* ctx);
    int (*get_iv_sz)(void* ctx);
    int (*get_block_sz)(void* ctx);
    int (*get_hmac_sz)(void* ctx);
    int (*ctx_copy)(void* target_ctx, void* source_ctx);
    int (*ctx_cmp)(void* c1, void* c2);
    int (*ctx_init)(void** ctx);
    int (*ctx_free)(void** ctx);
    int (*fips_status)(void* ctx);
    const char* (*get_provider_version)(void* ctx);
};
static_assert(sizeof(ProviderTable) == 20 * sizeof(void*), "sqlcipher_provider of 3.4.x is 20 function pointers");

constexpr int CipherDecrypt = 0; // `mode` of ProviderTable::cipher
constexpr int CipherEncrypt = 1;

} // namespace outpost::sqlcipher34

// Exported by libsqlcipher 3.4.x, declared in no installed header.
extern "C" {
int sqlcipher_register_provider(outpost::sqlcipher34::ProviderTable* p); // frees the previous one
outpost::sqlcipher34::ProviderTable* sqlcipher_get_provider(void);
int sqlcipher_openssl_setup(outpost::sqlcipher34::ProviderTable* p);
void sqlcipher_activate(void);
void* sqlcipher_malloc(int sz);       // zeroed and mlock'ed
void sqlcipher_free(void* ptr, int sz); // wipes sz bytes, then frees
}

namespace outpost {

class SqlCipherProvider
{
public:
    static constexpr const char* ProviderName = "outpost-openssl3";

    // One-time set-up as described above; cheap afterwards. Safe from any thread. Returns whether
    // this provider is the one new connections get.
    static bool ensureRegistered();
    // Whether new connections get this provider (false before ensureRegistered()).
    static bool isActive();
    // Tests only (see above). Runs ensureRegistered() first. Returns isActive().
    static bool setEnabled(bool enabled);
    // For the end of work on a thread other than the main one: frees this thread's OpenSSL state now.
    // Qt's pool and QThread threads are detached; OpenSSL would otherwise free that state in the thread's
    // exit handlers, which can still be running when the process exits and OpenSSL's atexit clean-up
    // has begun (a crash after main returned). Use no OpenSSL (or SQLCipher) on the thread afterwards.
    static void releaseThreadState();

    // True for the SQLCipher versions whose provider ABI this file implements ("3.4.x").
    static bool isSupportedCipherVersion(const char* cipherVersion);
    // This provider's functions, e.g. for tests that compare them with sqlcipher_openssl_setup's.
    static void fillProviderTable(sqlcipher34::ProviderTable& table);
};

} // namespace outpost
