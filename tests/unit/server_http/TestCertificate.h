#pragma once

// A throw-away self-signed TLS certificate for tests (EC P-256, subjectAltName IP:127.0.0.1 and
// DNS:localhost), made with the OpenSSL 3 API at test time so no key material lives in the repository.

#include <string>

namespace outpost::test {

// Writes the certificate and its private key as PEM files. False with `error` set on failure.
bool writeSelfSignedCertificate(const std::string& certificatePath, const std::string& privateKeyPath,
                                std::string* error);

} // namespace outpost::test
