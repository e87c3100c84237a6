select watermark from ops.watermarks where store = ? and entity = ?
