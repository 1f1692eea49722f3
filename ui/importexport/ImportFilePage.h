#pragma once

#include <QWizardPage>

class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QStackedWidget;
class QTableView;

namespace outpost {

class ContactPreviewModel;
class CsvPreviewModel;
class ImportWizard;
class MessageLabel;

// The import wizard's first page: the file, how it is read (format, encoding, delimiter — each shows what
// was detected and can be changed) and its first rows as read.
class ImportFilePage : public QWizardPage
{
    Q_OBJECT
public:
    explicit ImportFilePage(ImportWizard* wizard);

    void setPath(const QString& path);
    QString path() const;

    void initializePage() override;
    bool isComplete() const override;
    int nextId() const override;

protected:
    // A file dropped on the page is chosen.
    void dragEnterEvent(QDragEnterEvent* event) override;
    void dropEvent(QDropEvent* event) override;

private:
    void browse();
    void reload();
    void settingsChosen();
    void showPreview();
    void updateAutoLabels();

    ImportWizard* m_wizard;
    QLineEdit* m_path;
    QPushButton* m_browse;
    QComboBox* m_format;
    QComboBox* m_encoding;
    QComboBox* m_delimiter;
    QLabel* m_delimiterLabel;
    QLabel* m_summary;
    MessageLabel* m_message;
    QStackedWidget* m_previewStack;
    QLabel* m_placeholder;
    QTableView* m_csvView;
    QTableView* m_cardView;
    CsvPreviewModel* m_csvModel;
    ContactPreviewModel* m_cardModel;
    QString m_loadedPath;
};

} // namespace outpost
