#include "storage/SqlCipherProvider.h"

#include <QByteArray>
#include <QLoggingCategory>

#include <openssl/core_names.h>
#include <openssl/crypto.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/params.h>
#include <openssl/rand.h>

#include <sqlite3.h>

#include <atomic>
#include <cctype>
#include <cstdlib>
#include <cstring>
#include <mutex>

namespace outpost {

namespace {

Q_LOGGING_CATEGORY(lcCipherProvider, "outpost.storage.cipherprovider")

using sqlcipher34::CipherDecrypt;
using sqlcipher34::CipherEncrypt;
using sqlcipher34::ProviderTable;

constexpr int kMaxKeySize = 64;  // CIPHER_MAX_KEY_SZ of 3.4.1: the key buffers SQLCipher hands us
constexpr int kHmacSize = 20;    // SHA-1
constexpr const char* kDefaultCipher = "AES-256-CBC"; // CIPHER of 3.4.1 ("aes-256-cbc")

// Fetched once per process and never freed: cipher contexts of connections still open at exit may
// outlive any owner we could give them. Read-only after construction, so shared by all threads.
struct Algorithms
{
    EVP_CIPHER* aes256Cbc = nullptr;
    EVP_MAC* hmac = nullptr;
    EVP_MD* sha1 = nullptr;

    bool ok() const { return aes256Cbc && hmac && sha1; }
};

const Algorithms& algorithms()
{
    static const Algorithms algos = [] {
        Algorithms a;
        a.aes256Cbc = EVP_CIPHER_fetch(nullptr, kDefaultCipher, nullptr);
        a.hmac = EVP_MAC_fetch(nullptr, OSSL_MAC_NAME_HMAC, nullptr);
        a.sha1 = EVP_MD_fetch(nullptr, OSSL_DIGEST_NAME_SHA1, nullptr);
        ERR_clear_error();
        return a;
    }();
    return algos;
}

// One keyed cipher context for one direction; key holds the key it was initialised with.
struct KeyedCipher
{
    EVP_CIPHER_CTX* ctx;
    int keySize; // 0: not keyed
    unsigned char key[kMaxKeySize];
};

// The provider context of one SQLCipher cipher context (a connection has a read and a write one).
// SQLCipher uses a connection from one thread at a time, so this needs no lock. Allocated with
// sqlcipher_malloc (zeroed, mlock'ed; sqlcipher_free wipes it), hence a plain aggregate.
struct ProviderContext
{
    EVP_CIPHER* cipher; // owns one reference
    KeyedCipher byMode[2]; // [CipherDecrypt], [CipherEncrypt]
    EVP_MAC_CTX* mac;
    int macKeySize;
    unsigned char macKey[kMaxKeySize];
};

ProviderContext* asContext(void* ctx)
{
    return static_cast<ProviderContext*>(ctx);
}

void forgetCipher(KeyedCipher& k)
{
    EVP_CIPHER_CTX_free(k.ctx); // cleanses the key schedule
    k.ctx = nullptr;
    OPENSSL_cleanse(k.key, sizeof k.key);
    k.keySize = 0;
}

void forgetMac(ProviderContext& c)
{
    EVP_MAC_CTX_free(c.mac); // cleanses the keyed HMAC state
    c.mac = nullptr;
    OPENSSL_cleanse(c.macKey, sizeof c.macKey);
    c.macKeySize = 0;
}

void forgetKeys(ProviderContext& c)
{
    forgetCipher(c.byMode[CipherDecrypt]);
    forgetCipher(c.byMode[CipherEncrypt]);
    forgetMac(c);
}

bool sameKey(const unsigned char* cached, int cachedSize, const unsigned char* key, int keySize)
{
    return cachedSize == keySize && CRYPTO_memcmp(cached, key, static_cast<size_t>(keySize)) == 0;
}

// SQLCipher 3.4.1 never calls activate/deactivate; OpenSSL 3 needs no global set-up.
int providerActivate(void*)
{
    return SQLITE_OK;
}

int providerDeactivate(void*)
{
    return SQLITE_OK;
}

// Called with SQLCipher's cipher_ctx*, not ours: the argument is not touched.
const char* providerName(void*)
{
    return SqlCipherProvider::ProviderName;
}

const char* providerVersion(void*)
{
    return OpenSSL_version(OPENSSL_VERSION);
}

int fipsStatus(void*)
{
    return EVP_default_properties_is_fips_enabled(nullptr);
}

int addRandom(void*, void* buffer, int length)
{
    if (buffer && length > 0)
        RAND_add(buffer, length, 0);
    return SQLITE_OK;
}

// OpenSSL 3's RAND is thread-safe: no lock as 3.4.1 takes around RAND_bytes for OpenSSL 1.0.
int randomBytes(void*, void* buffer, int length)
{
    if (!buffer || length < 0)
        return SQLITE_ERROR;
    return RAND_bytes(static_cast<unsigned char*>(buffer), length) == 1 ? SQLITE_OK : SQLITE_ERROR;
}

// HMAC-SHA1(key, in || in2). The keyed context is kept and re-initialised without a key, which
// restarts it from the stored inner/outer pad state; it is re-keyed only when the key changes.
int pageHmac(void* ctx, unsigned char* key, int keySize, unsigned char* in, int inSize, unsigned char* in2, int in2Size,
             unsigned char* out)
{
    ProviderContext* c = asContext(ctx);
    if (!c || !out)
        return SQLITE_ERROR;
    bool ok = key && keySize > 0 && keySize <= kMaxKeySize && inSize >= 0 && in2Size >= 0;
    if (ok && c->mac && sameKey(c->macKey, c->macKeySize, key, keySize)) {
        ok = EVP_MAC_init(c->mac, nullptr, 0, nullptr) == 1;
    } else if (ok) {
        forgetMac(*c);
        c->mac = EVP_MAC_CTX_new(algorithms().hmac);
        char digest[] = OSSL_DIGEST_NAME_SHA1;
        const OSSL_PARAM params[] = {OSSL_PARAM_construct_utf8_string(OSSL_MAC_PARAM_DIGEST, digest, 0),
                                     OSSL_PARAM_construct_end()};
        ok = c->mac && EVP_MAC_init(c->mac, key, static_cast<size_t>(keySize), params) == 1;
        if (ok) {
            std::memcpy(c->macKey, key, static_cast<size_t>(keySize));
            c->macKeySize = keySize;
        }
    }
    size_t outSize = 0;
    ok = ok && (inSize == 0 || EVP_MAC_update(c->mac, in, static_cast<size_t>(inSize)) == 1)
        && (in2Size == 0 || EVP_MAC_update(c->mac, in2, static_cast<size_t>(in2Size)) == 1)
        && EVP_MAC_final(c->mac, out, &outSize, kHmacSize) == 1 && outSize == kHmacSize;
    if (!ok) {
        // The codec ignores our return value: a zero MAC at least never verifies a page.
        forgetMac(*c);
        OPENSSL_cleanse(out, kHmacSize);
        ERR_clear_error();
        return SQLITE_ERROR;
    }
    return SQLITE_OK;
}

int deriveKey(void*, const unsigned char* pass, int passSize, unsigned char* salt, int saltSize, int iterations,
              int keySize, unsigned char* key)
{
    if (!key || keySize <= 0 || passSize < 0 || saltSize < 0 || iterations <= 0)
        return SQLITE_ERROR;
    const int rc = PKCS5_PBKDF2_HMAC(reinterpret_cast<const char*>(pass), passSize, salt, saltSize, iterations,
                                     algorithms().sha1, keySize, key);
    if (rc != 1) {
        ERR_clear_error();
        return SQLITE_ERROR;
    }
    return SQLITE_OK;
}

// Cipher without padding (page bodies are whole blocks). Each direction keeps a keyed context that
// is re-initialised with only the page's IV; it is re-keyed only when the key changes (rekey).
int pageCipher(void* ctx, int mode, unsigned char* key, int keySize, unsigned char* iv, unsigned char* in,
               int inSize, unsigned char* out)
{
    ProviderContext* c = asContext(ctx);
    if (!c || !out || inSize < 0)
        return SQLITE_ERROR;
    bool ok = c->cipher && (mode == CipherDecrypt || mode == CipherEncrypt) && key && in && iv
        && keySize == EVP_CIPHER_get_key_length(c->cipher) && keySize <= kMaxKeySize;
    KeyedCipher* k = ok ? &c->byMode[mode] : nullptr;
    if (ok && k->ctx && sameKey(k->key, k->keySize, key, keySize)) {
        ok = EVP_CipherInit_ex2(k->ctx, nullptr, nullptr, iv, mode, nullptr) == 1;
    } else if (ok) {
        forgetCipher(*k);
        k->ctx = EVP_CIPHER_CTX_new();
        ok = k->ctx && EVP_CipherInit_ex2(k->ctx, c->cipher, key, iv, mode, nullptr) == 1
            && EVP_CIPHER_CTX_set_padding(k->ctx, 0) == 1;
        if (ok) {
            std::memcpy(k->key, key, static_cast<size_t>(keySize));
            k->keySize = keySize;
        }
    }
    int updated = 0;
    int finished = 0;
    ok = ok && EVP_CipherUpdate(k->ctx, out, &updated, in, inSize) == 1
        && EVP_CipherFinal_ex(k->ctx, out + updated, &finished) == 1 && updated + finished == inSize;
    if (!ok) {
        if (k)
            forgetCipher(*k);
        OPENSSL_cleanse(out, static_cast<size_t>(inSize));
        ERR_clear_error();
        return SQLITE_ERROR;
    }
    return SQLITE_OK;
}

int setCipher(void* ctx, const char* name)
{
    ProviderContext* c = asContext(ctx);
    if (!c || !name)
        return SQLITE_ERROR;
    const Algorithms& algos = algorithms();
    EVP_CIPHER* chosen = nullptr;
    if (algos.aes256Cbc && EVP_CIPHER_is_a(algos.aes256Cbc, name)) {
        if (EVP_CIPHER_up_ref(algos.aes256Cbc) == 1)
            chosen = algos.aes256Cbc;
    } else {
        // Like 3.4.1's EVP_get_cipherbyname: any cipher OpenSSL knows by that name.
        chosen = EVP_CIPHER_fetch(nullptr, name, nullptr);
    }
    if (!chosen) {
        ERR_clear_error();
        return SQLITE_ERROR; // the previous cipher stays, as with the stock provider
    }
    forgetKeys(*c);
    EVP_CIPHER_free(c->cipher);
    c->cipher = chosen;
    return SQLITE_OK;
}

const char* getCipher(void* ctx)
{
    ProviderContext* c = asContext(ctx);
    const char* name = c && c->cipher ? EVP_CIPHER_get0_name(c->cipher) : nullptr;
    return name ? name : "";
}

const EVP_CIPHER* cipherOf(void* ctx)
{
    ProviderContext* c = asContext(ctx);
    return c && c->cipher ? c->cipher : algorithms().aes256Cbc;
}

int getKeySize(void* ctx)
{
    return EVP_CIPHER_get_key_length(cipherOf(ctx));
}

int getIvSize(void* ctx)
{
    return EVP_CIPHER_get_iv_length(cipherOf(ctx));
}

int getBlockSize(void* ctx)
{
    return EVP_CIPHER_get_block_size(cipherOf(ctx));
}

int getHmacSize(void*)
{
    return kHmacSize;
}

// SQLCipher copies its read context to the write one (and back after a rekey). The target takes
// the source's cipher; its own keyed contexts are dropped and re-keyed on first use.
int ctxCopy(void* target, void* source)
{
    ProviderContext* t = asContext(target);
    ProviderContext* s = asContext(source);
    if (!t || !s)
        return SQLITE_ERROR;
    if (t == s)
        return SQLITE_OK;
    if (s->cipher && EVP_CIPHER_up_ref(s->cipher) != 1)
        return SQLITE_ERROR;
    forgetKeys(*t);
    EVP_CIPHER_free(t->cipher);
    t->cipher = s->cipher;
    return SQLITE_OK;
}

// Non-zero when both use the same cipher (the stock provider compares its EVP_CIPHER pointers).
int ctxCmp(void* c1, void* c2)
{
    ProviderContext* a = asContext(c1);
    ProviderContext* b = asContext(c2);
    if (!a || !b)
        return 0;
    if (a->cipher == b->cipher)
        return 1;
    if (!a->cipher || !b->cipher)
        return 0;
    const char* name = EVP_CIPHER_get0_name(b->cipher);
    return name && EVP_CIPHER_is_a(a->cipher, name) ? 1 : 0;
}

int ctxInit(void** ctx)
{
    if (!ctx)
        return SQLITE_ERROR;
    *ctx = nullptr;
    auto* c = static_cast<ProviderContext*>(sqlcipher_malloc(static_cast<int>(sizeof(ProviderContext))));
    if (!c)
        return SQLITE_NOMEM;
    // SQLCipher sets the cipher on the read context and copies it to the write one; start with its
    // default so the size getters are right either way.
    EVP_CIPHER* aes = algorithms().aes256Cbc;
    if (aes && EVP_CIPHER_up_ref(aes) == 1)
        c->cipher = aes;
    *ctx = c;
    return SQLITE_OK;
}

// Set by an atexit handler that runs before OpenSSL's own (see initialize()).
std::atomic<bool> g_exiting {false};

int ctxFree(void** ctx)
{
    if (!ctx || !*ctx)
        return SQLITE_OK;
    ProviderContext* c = asContext(*ctx);
    if (g_exiting.load()) {
        // Connections still open at exit are closed from Qt's global destructors, which may run
        // after OPENSSL_cleanup(): leave OpenSSL's objects alone then, but still wipe our copies.
        OPENSSL_cleanse(c, sizeof(ProviderContext));
    } else {
        forgetKeys(*c);
        EVP_CIPHER_free(c->cipher);
        c->cipher = nullptr;
    }
    sqlcipher_free(c, static_cast<int>(sizeof(ProviderContext))); // wipes it too
    *ctx = nullptr;
    return SQLITE_OK;
}

// ---- registration ----------------------------------------------------------------------------

std::once_flag g_initOnce;
std::mutex g_registerLock;          // orders setEnabled() against itself and the first set-up
bool g_supported = false;           // under g_registerLock (written once, inside g_initOnce)
std::atomic<bool> g_active {false}; // ours is the registered provider

QByteArray runtimeCipherVersion()
{
    QByteArray version;
    sqlite3* db = nullptr;
    if (sqlite3_open_v2(":memory:", &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr) == SQLITE_OK) {
        sqlite3_stmt* stmt = nullptr;
        if (sqlite3_prepare_v2(db, "PRAGMA cipher_version", -1, &stmt, nullptr) == SQLITE_OK
            && sqlite3_step(stmt) == SQLITE_ROW)
            version = QByteArray(reinterpret_cast<const char*>(sqlite3_column_text(stmt, 0)));
        sqlite3_finalize(stmt);
    }
    sqlite3_close(db);
    return version;
}

// Caller holds g_registerLock and has passed the version check.
bool registerTable(bool ours)
{
    // SQLCipher frees the table it replaces (or on its last deactivation) with sqlcipher_free.
    auto* table = static_cast<ProviderTable*>(sqlcipher_malloc(static_cast<int>(sizeof(ProviderTable))));
    if (!table)
        return false;
    if (ours)
        SqlCipherProvider::fillProviderTable(*table);
    else
        sqlcipher_openssl_setup(table);
    sqlcipher_register_provider(table);
    g_active.store(ours);
    return true;
}

void initialize()
{
    std::lock_guard<std::mutex> lock(g_registerLock);
    // Before SQLite initialises (the first open, just below, does it). Debian's SQLCipher is built without
    // the lookaside allocator, so every small allocation goes to malloc, and by default each one also
    // updates the memory statistics under a global mutex; nothing of ours reads them (no soft heap limit,
    // no sqlite3_memory_used). Refused (SQLITE_MISUSE) if something opened a database before us.
    if (sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0) != SQLITE_OK)
        qCDebug(lcCipherProvider) << "SQLite was initialised before the crypto provider; its memory statistics stay on";
    const QByteArray version = runtimeCipherVersion();
    if (!SqlCipherProvider::isSupportedCipherVersion(version.constData())) {
        qCWarning(lcCipherProvider).noquote()
            << "SQLCipher" << (version.isEmpty() ? QByteArray("(unknown)") : version)
            << "is not the 3.4.x this build's crypto provider was written for; using its stock provider";
        return;
    }
    if (!algorithms().ok()) {
        qCWarning(lcCipherProvider) << "OpenSSL lacks AES-256-CBC, HMAC or SHA-1; using SQLCipher's stock provider";
        return;
    }
    // OpenSSL registered its atexit cleanup when it was initialised (at the latest just above), so
    // this handler runs before it.
    std::atexit([] { g_exiting.store(true); });
    // Pin SQLCipher's activation count above zero for the life of the process: 3.4.1 frees the
    // registered provider (and the mutex guarding it) when its last keyed connection closes, and
    // registers its own OpenSSL provider on the next activation.
    sqlcipher_activate();
    const ProviderTable* stock = sqlcipher_get_provider();
    const char* stockName = stock && stock->get_provider_name ? stock->get_provider_name(nullptr) : nullptr;
    if (!stockName || std::strcmp(stockName, "openssl") != 0) {
        qCWarning(lcCipherProvider) << "SQLCipher's registered provider is not its OpenSSL one; leaving it in place";
        return;
    }
    g_supported = true;
    if (qgetenv("OUTPOST_SQLCIPHER_PROVIDER").trimmed().toLower() == "openssl")
        return;
    if (!registerTable(true))
        qCWarning(lcCipherProvider) << "Could not register the crypto provider (out of memory)";
}

} // namespace

bool SqlCipherProvider::ensureRegistered()
{
    std::call_once(g_initOnce, initialize);
    return g_active.load();
}

void SqlCipherProvider::releaseThreadState()
{
    OPENSSL_thread_stop();
}

bool SqlCipherProvider::isActive()
{
    return g_active.load();
}

bool SqlCipherProvider::setEnabled(bool enabled)
{
    ensureRegistered();
    std::lock_guard<std::mutex> lock(g_registerLock);
    if (g_supported && enabled != g_active.load())
        registerTable(enabled);
    return g_active.load();
}

bool SqlCipherProvider::isSupportedCipherVersion(const char* cipherVersion)
{
    return cipherVersion && std::strncmp(cipherVersion, "3.4.", 4) == 0
        && std::isdigit(static_cast<unsigned char>(cipherVersion[4]));
}

void SqlCipherProvider::fillProviderTable(sqlcipher34::ProviderTable& t)
{
    t.activate = providerActivate;
    t.deactivate = providerDeactivate;
    t.get_provider_name = providerName;
    t.add_random = addRandom;
    t.random = randomBytes;
    t.hmac = pageHmac;
    t.kdf = deriveKey;
    t.cipher = pageCipher;
    t.set_cipher = setCipher;
    t.get_cipher = getCipher;
    t.get_key_sz = getKeySize;
    t.get_iv_sz = getIvSize;
    t.get_block_sz = getBlockSize;
    t.get_hmac_sz = getHmacSize;
    t.ctx_copy = ctxCopy;
    t.ctx_cmp = ctxCmp;
    t.ctx_init = ctxInit;
    t.ctx_free = ctxFree;
    t.fips_status = fipsStatus;
    t.get_provider_version = providerVersion;
}

} // namespace outpost
