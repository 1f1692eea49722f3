#pragma once

#include "genealogy/Distributor.h"

#include <QDialog>

class QCheckBox;
class QComboBox;
class QDateEdit;
class QDialogButtonBox;
class QPlainTextEdit;

namespace outpost {

class DistributorSearchField;
class GenealogyRepository;
class MessageLabel;
class MutationEngine;

// Re-sponsors or re-places one distributor (distributor.move@1): the tree, the new parent (found by name)
// or the top level, the date the move takes effect and the reason kept in the history. A refused move
// (a loop, a closed period) keeps the dialog open with the reason.
class MoveDistributorDialog : public QDialog
{
    Q_OBJECT
public:
    MoveDistributorDialog(GenealogyRepository& repository, MutationEngine& mutations, const QString& distributorId,
                          const QString& displayName, GenealogyTree tree, QWidget* parent = nullptr);

    DistributorSearchField* parentField() const { return m_parent; }
    QPlainTextEdit* reasonField() const { return m_reason; }
    QCheckBox* toTopField() const { return m_toTop; }
    MessageLabel* messageLabel() const { return m_message; }
    GenealogyTree tree() const;
    // Submits the move; false (with the reason shown) when it is refused or incomplete.
    bool submit();

private:
    void showProblem(const QString& text);

    GenealogyRepository& m_repository;
    MutationEngine& m_mutations;
    QString m_id;
    QComboBox* m_tree;
    DistributorSearchField* m_parent;
    QCheckBox* m_toTop;
    QDateEdit* m_date;
    QPlainTextEdit* m_reason;
    MessageLabel* m_message;
    QDialogButtonBox* m_buttons;
};

} // namespace outpost
