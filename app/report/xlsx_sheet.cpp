#include "report/xlsx_sheet.hpp"

#include <algorithm>

namespace peiling::report {

std::string cell_text(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    if (c == '\0') {
      out += "\xEF\xBF\xBD";
    } else {
      out += c;
    }
  }
  return out;
}

Sheet& Sheet::text(std::string_view value, lxw_format* format) {
  if (!value.empty()) worksheet_write_string(sheet_, row_, column_, cell_text(value).c_str(), format);
  return next();
}

Sheet& Sheet::number(double value, lxw_format* format) {
  worksheet_write_number(sheet_, row_, column_, value, format);
  return next();
}

void Sheet::finish_table() {
  worksheet_freeze_panes(sheet_, 1, 0);
  if (widest_ > 0)
    worksheet_autofilter(sheet_, 0, 0, row_ > 0 ? row_ - 1 : 0, static_cast<lxw_col_t>(widest_ - 1));
}

Sheet& Sheet::next() {
  ++column_;
  widest_ = std::max(widest_, column_);
  return *this;
}

Result<std::filesystem::path> write_workbook(const std::filesystem::path& path,
                                             const std::function<void(lxw_workbook*, const Formats&)>& fill) {
  lxw_workbook_options options{};
  options.constant_memory = LXW_TRUE;
  options.use_zip64 = LXW_TRUE;
  const std::string file = path.string();
  lxw_workbook* book = workbook_new_opt(file.c_str(), &options);
  if (!book) return Result<std::filesystem::path>::failure(file + ": could not start the workbook.");
  const Formats formats{workbook_add_format(book), workbook_add_format(book), workbook_add_format(book),
                        workbook_add_format(book), workbook_add_format(book)};
  format_set_bold(formats.header);
  format_set_bottom(formats.header, LXW_BORDER_THIN);
  format_set_num_format(formats.decimal, "0.00");
  format_set_num_format(formats.whole, "0");
  format_set_num_format(formats.time, "yyyy-mm-dd hh:mm");
  format_set_text_wrap(formats.wrap);
  format_set_align(formats.wrap, LXW_ALIGN_VERTICAL_TOP);
  fill(book, formats);
  if (const lxw_error closed = workbook_close(book); closed != LXW_NO_ERROR) {
    return Result<std::filesystem::path>::failure(file +
                                                  ": could not write the workbook: " + lxw_strerror(closed));
  }
  return path;
}

}  // namespace peiling::report
