@NullMarked
package io.tongbao.shared.web;

import org.jspecify.annotations.NullMarked;
