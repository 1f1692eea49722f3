#pragma once

#include "companies/Company.h"
#include "contacts/ContactRepository.h"
#include "util/Result.h"

#include <QCoreApplication>
#include <QList>

#include <optional>

namespace outpost {

class Database;

// What a companies list shows of one row.
struct CompanyListRow
{
    qint64 rid = 0;
    QString id;
    QString sortKey;
    QString name;
    QString domain;
    QString city;
    QString country;
    QString industry;
};

// Reads companies (all writes go through the company mutators). Lists are in name order and paged by
// keyset (sort key, then local row id); a search keeps the companies having a word that starts with each
// folded word typed, testing the search words along the name index.
class CompanyRepository
{
    Q_DECLARE_TR_FUNCTIONS(CompanyRepository)
public:
    explicit CompanyRepository(Database& db) : m_db(db) {}

    Result<std::optional<Company>> find(const QString& id);
    // Companies matching `search` (empty: all) after the cursor, at most `limit`.
    Result<QList<CompanyListRow>> page(const QString& search, const std::optional<ContactCursor>& after, int limit);
    Result<qint64> count(const QString& search);

    // The contacts linked to a company, in name order.
    Result<QList<ContactListRow>> contactsOf(const QString& companyId, const std::optional<ContactCursor>& after,
                                             int limit);
    Result<qint64> contactCount(const QString& companyId);

private:
    Database& m_db;
};

} // namespace outpost
