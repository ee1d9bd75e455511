//! The allocation table: every live tensor buffer, by handle.

use std::collections::BTreeMap;
use std::mem;

use pixelgan_binding::number::{format_number, size};
use pixelgan_binding::{BindingError, Region};

/// Handle 0 stands for "no tensor" (null) in optional arguments; allocations start at 1.
pub const NO_TENSOR: f64 = 0.0;

/// A zero-filled float32 buffer from the global allocator, kept as raw `Vec` parts so that
/// regions can be made from a unique raw pointer.
struct Allocation {
    ptr: *mut f32,
    len: usize,
    capacity: usize,
}

impl Drop for Allocation {
    fn drop(&mut self) {
        // SAFETY: `ptr`, `len` and `capacity` came from a `Vec<f32>` that `alloc` leaked,
        // and only this drop rebuilds it, once.
        drop(unsafe { Vec::from_raw_parts(self.ptr, self.len, self.capacity) });
    }
}

/// Live allocations by handle. Handles are never reused, so a stale handle is always
/// rejected rather than silently reaching a newer tensor.
pub struct TensorTable {
    allocations: BTreeMap<u32, Allocation>,
    next_handle: u32,
}

impl TensorTable {
    pub fn new() -> TensorTable {
        TensorTable { allocations: BTreeMap::new(), next_handle: 1 }
    }

    /// Allocates a zero-filled tensor of `length` elements and returns its handle.
    pub fn alloc(&mut self, length: f64) -> Result<u32, BindingError> {
        let len = size("length", length)?;
        let handle = self.next_handle;
        let next = handle.checked_add(1).ok_or_else(|| {
            BindingError::failure(String::from("all 2^32 - 1 tensor handles have been used; reload the module"))
        })?;
        let mut buffer: Vec<f32> = Vec::new();
        buffer.try_reserve_exact(len).map_err(|_| {
            BindingError::range_error(format!(
                "cannot allocate a tensor of {} elements ({} bytes): WebAssembly memory is exhausted or limited to 4 GiB",
                len,
                len as u64 * mem::size_of::<f32>() as u64
            ))
        })?;
        buffer.resize(len, 0.0);
        let mut buffer = mem::ManuallyDrop::new(buffer);
        let allocation = Allocation { ptr: buffer.as_mut_ptr(), len: buffer.len(), capacity: buffer.capacity() };
        self.allocations.insert(handle, allocation);
        self.next_handle = next;
        Ok(handle)
    }

    pub fn free(&mut self, handle: f64) -> Result<(), BindingError> {
        let key = self.key("tensor", handle)?;
        self.allocations.remove(&key);
        Ok(())
    }

    /// Returns the live allocation key of `handle`, or an error naming the argument.
    fn key(&self, name: &str, handle: f64) -> Result<u32, BindingError> {
        let valid = handle.is_finite() && handle.fract() == 0.0 && handle >= 1.0 && handle <= f64::from(u32::MAX);
        if !valid {
            return Err(BindingError::range_error(format!(
                "{} handle must be an integer in [1, 2^32 - 1], got {}",
                name,
                format_number(handle)
            )));
        }
        let key = handle as u32;
        if !self.allocations.contains_key(&key) {
            return Err(BindingError::range_error(format!(
                "{} refers to tensor handle {}, which is not allocated (it was freed or never existed)",
                name, key
            )));
        }
        Ok(key)
    }

    /// Returns the address and length of elements [offset, offset + length) of tensor
    /// `handle`, after checking that they lie inside the live allocation.
    fn locate(&self, name: &str, handle: f64, offset: f64, length: f64) -> Result<(*mut f32, usize), BindingError> {
        let key = self.key(name, handle)?;
        let offset = size("offset", offset).map_err(|error| in_tensor(name, error))?;
        let len = size("length", length).map_err(|error| in_tensor(name, error))?;
        let allocation = &self.allocations[&key];
        let end = offset.checked_add(len).filter(|&end| end <= allocation.len);
        if end.is_none() {
            return Err(BindingError::range_error(format!(
                "{} covers elements [{}, {}) of tensor handle {}, which has only {} elements",
                name,
                offset,
                offset as u64 + len as u64,
                key,
                allocation.len
            )));
        }
        // SAFETY: offset + len <= allocation.len, so the offset pointer stays inside (or one
        // past the end of) the allocation.
        Ok((unsafe { allocation.ptr.add(offset) }, len))
    }

    /// Returns the region [offset, offset + length) of tensor `handle`, valid while the
    /// table is borrowed.
    pub fn region(&self, name: &'static str, handle: f64, offset: f64, length: f64) -> Result<Region<'_>, BindingError> {
        let (ptr, len) = self.locate(name, handle, offset, length)?;
        // SAFETY: `locate` checked that the elements lie inside a live allocation, whose raw
        // pointer is unique to the table. The allocation cannot be freed while `&self` is
        // borrowed, and JavaScript cannot run during the call, so only regions of this call
        // access the elements.
        unsafe { Region::from_raw_parts(name, ptr, len) }
    }

    /// Like `region`, but handle 0 means "no tensor" and returns `None`.
    pub fn optional_region(&self, name: &'static str, handle: f64, offset: f64, length: f64) -> Result<Option<Region<'_>>, BindingError> {
        if handle == NO_TENSOR {
            return Ok(None);
        }
        self.region(name, handle, offset, length).map(Some)
    }

    /// Returns the byte address of elements [offset, offset + length) of tensor `handle`,
    /// for JavaScript to copy data in or out through a Float32Array over the memory.
    pub fn address(&self, handle: f64, offset: f64, length: f64) -> Result<usize, BindingError> {
        let (ptr, _) = self.locate("tensor", handle, offset, length)?;
        Ok(ptr as usize)
    }

    pub fn live_count(&self) -> usize {
        self.allocations.len()
    }
}

fn in_tensor(name: &str, error: BindingError) -> BindingError {
    BindingError { kind: error.kind, message: format!("{} {}", name, error.message) }
}
