#pragma once

#include "contacts/Contact.h"
#include "duplicates/ContactMerger.h"

#include <QDialog>
#include <QHash>

class QButtonGroup;
class QLabel;
class QPushButton;
class QRadioButton;

namespace outpost {

class Database;
class MessageLabel;
class MutationEngine;

// Merges two contacts: both side by side, which one to keep, and for each field that differs the value to
// keep (notes can keep both). Starts from MergePlan::suggest. Merging submits contact.merge through
// ContactMerger on this thread (one pair is quick); a refusal is shown here and nothing changes.
class MergeDialog : public QDialog
{
    Q_OBJECT
public:
    // `match` is how the scan scored the pair (shown above the fields); pass a default one when merging by
    // hand.
    MergeDialog(Database& database, MutationEngine& mutations, const Contact& a, const Contact& b,
                const DuplicateMatch& match, QWidget* parent = nullptr);

    enum Side
    {
        First = 0,
        Second = 1,
        Both = 2
    };
    // The contact that stays, and the values it gets (every field).
    const Contact& kept() const;
    const Contact& removed() const;
    QHash<QString, QString> values() const;
    void setKeep(Side side);
    // Picks the value of `field` from one side (Both: notes only).
    void pick(const QString& field, Side side);
    bool hasChoice(const QString& field) const { return m_groups.contains(field); }

    const ContactMerger::Outcome& outcome() const { return m_outcome; }

    static QString fieldLabel(const QString& field);

public slots:
    void merge();

signals:
    void merged(const QString& batchId, const QString& keptId, const QString& removedId);

private:
    void updateSummary();

    Database& m_database;
    MutationEngine& m_mutations;
    Contact m_contacts[2];
    DuplicateMatch m_match;
    Side m_keep = First;
    QRadioButton* m_keepButtons[2] = {nullptr, nullptr};
    QHash<QString, QButtonGroup*> m_groups; // fields whose values differ
    QLabel* m_summary;
    MessageLabel* m_error;
    QPushButton* m_mergeButton;
    ContactMerger::Outcome m_outcome;
};

} // namespace outpost
