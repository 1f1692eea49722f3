#pragma once

#include <QCoreApplication>

namespace outpost {

class MutationRegistry;

// company.create@1 { id, fields: { name, domain, phone, email, street, postalCode, city, country, industry,
//                                  notes, ownerId, "custom.<key>": value… } }
// company.update@1 { id, set: { <field or custom.<key>>: value, … } }
// company.delete@1 { id }  — refused while contacts are linked to the company (the contacts invariant: the
//                            link never points at nothing), with the number of linked contacts in the reason.
void registerCompanyMutators(MutationRegistry& registry);

class CompanyValidation
{
    Q_DECLARE_TR_FUNCTIONS(CompanyValidation)
public:
    // A user-readable problem with one field's (trimmed) value, or an empty string.
    static QString problemWith(const QString& field, const QString& value);
};

} // namespace outpost
