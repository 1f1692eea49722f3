#pragma once

#include "mutations/Mutator.h"

#include <QHash>

#include <memory>

namespace outpost {

class MutationRegistry
{
public:
    void add(std::unique_ptr<Mutator> mutator);
    const Mutator* find(const QString& name, int version) const;
    int latestVersion(const QString& name) const; // 0 if unknown
    QStringList names() const;

    // Every mutator Outpost knows; the client and the server both use this.
    static const MutationRegistry& standard();

private:
    QHash<QString, std::shared_ptr<Mutator>> m_mutators; // "name@version"
    QHash<QString, int> m_latest;
};

} // namespace outpost
