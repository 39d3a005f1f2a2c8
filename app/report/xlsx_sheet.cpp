#include "report/xlsx_sheet.hpp"

#include <xlsxwriter.h>

#include <algorithm>
#include <array>

namespace peiling::report {

namespace {

// libxlsxwriter in constant-memory mode: rows go to a temporary file as they are written.
class LxwWorkbook final : public WorkbookSink {
 public:
  explicit LxwWorkbook(lxw_workbook* book) : book_(book) {
    for (auto& format : formats_) format = workbook_add_format(book);
    format_set_bold(at(CellFormat::header));
    format_set_bottom(at(CellFormat::header), LXW_BORDER_THIN);
    format_set_num_format(at(CellFormat::decimal), "0.00");
    format_set_num_format(at(CellFormat::whole), "0");
    format_set_num_format(at(CellFormat::time), "yyyy-mm-dd hh:mm");
    format_set_text_wrap(at(CellFormat::wrap));
    format_set_align(at(CellFormat::wrap), LXW_ALIGN_VERTICAL_TOP);
  }
  void add_sheet(const std::string& name) override { sheet_ = workbook_add_worksheet(book_, name.c_str()); }
  void column_width(XlsxColumn first, XlsxColumn last, double width, CellFormat format) override {
    worksheet_set_column(sheet_, first, last, width, at(format));
  }
  void text(XlsxRow row, XlsxColumn column, std::string_view text, CellFormat format) override {
    // Cells take C strings: a NUL byte would cut the text short, so it becomes U+FFFD. The buffer
    // is reused, so a cell costs no allocation.
    buffer_.clear();
    for (std::size_t start = 0; start <= text.size();) {
      const std::size_t nul = std::min(text.find('\0', start), text.size());
      buffer_.append(text.substr(start, nul - start));
      if (nul < text.size()) buffer_ += "\xEF\xBF\xBD";
      start = nul + 1;
    }
    worksheet_write_string(sheet_, row, column, buffer_.c_str(), at(format));
  }
  void number(XlsxRow row, XlsxColumn column, double value, CellFormat format) override {
    worksheet_write_number(sheet_, row, column, value, at(format));
  }
  void header_row(XlsxRow last_row, XlsxColumn last_column) override {
    worksheet_freeze_panes(sheet_, 1, 0);
    worksheet_autofilter(sheet_, 0, 0, last_row, last_column);
  }

 private:
  lxw_format* at(CellFormat format) const {
    return format == CellFormat::none ? nullptr : formats_[static_cast<std::size_t>(format)];
  }
  lxw_workbook* book_;
  lxw_worksheet* sheet_ = nullptr;
  std::array<lxw_format*, static_cast<std::size_t>(CellFormat::wrap) + 1> formats_{};
  std::string buffer_;
};

}  // namespace

Sheet& Sheet::text(std::string_view value, CellFormat format) {
  if (!value.empty()) book_.text(row_, column_, value, format);
  return next();
}

Sheet& Sheet::number(double value, CellFormat format) {
  book_.number(row_, column_, value, format);
  return next();
}

Sheet& Sheet::skip_to(XlsxColumn column) {
  column_ = std::max(column_, column);
  widest_ = std::max(widest_, column_);
  return *this;
}

void Sheet::finish_table() {
  if (widest_ > 0) book_.header_row(row_ > 0 ? row_ - 1 : 0, static_cast<XlsxColumn>(widest_ - 1));
}

Sheet& Sheet::next() {
  ++column_;
  widest_ = std::max(widest_, column_);
  return *this;
}

Result<std::filesystem::path> write_workbook(const std::filesystem::path& path,
                                             const std::function<void(WorkbookSink&)>& fill) {
  lxw_workbook_options options{};
  options.constant_memory = LXW_TRUE;
  options.use_zip64 = LXW_TRUE;
  const std::string file = path.string();
  lxw_workbook* book = workbook_new_opt(file.c_str(), &options);
  if (!book) return Result<std::filesystem::path>::failure(file + ": could not start the workbook.");
  LxwWorkbook sink(book);
  fill(sink);
  if (const lxw_error closed = workbook_close(book); closed != LXW_NO_ERROR) {
    return Result<std::filesystem::path>::failure(file +
                                                  ": could not write the workbook: " + lxw_strerror(closed));
  }
  return path;
}

void WorkbookRecord::text(XlsxRow row, XlsxColumn column, std::string_view text, CellFormat format) {
  sheets.back().cells.push_back({row, column, format, true, 0, texts.size(), text.size()});
  texts.append(text);
  texts.push_back('\0');
}

}  // namespace peiling::report
